using System.Text.Json;
using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Application.Common;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Members.GetSegmentMembers;

internal sealed class GetSegmentMembersHandler(
    IMediator mediator,
    ICallerContext caller,
    ISegmentRepository segments,
    ISegmentWarehouse warehouse) : IQueryHandler<GetSegmentMembersQuery, SegmentMembersDto>
{
    public async Task<SegmentMembersDto> Handle(GetSegmentMembersQuery request, CancellationToken cancellationToken)
    {
        var project = await mediator.GetManagedProjectAsync(caller, request.ProjectId, cancellationToken);
        var segment = await segments.FindAsync(project.Id, request.SegmentId, cancellationToken)
            ?? throw new NotFoundException("Segment", request.SegmentId);
        var environment = (await mediator.GetEnvironmentsAsync(project.Id, cancellationToken)).FirstOrDefault(e => e.Id == request.EnvironmentId)
            ?? throw new NotFoundException("Environment", request.EnvironmentId);
        if (!warehouse.IsEnabled)
        {
            throw new ServiceUnavailableException($"Segment members are read from the warehouse, which is disabled ({warehouse.DisabledReason}).");
        }

        if (!await mediator.Send(new GetSegmentMembershipInspectionQuery(project.OrganisationId), cancellationToken))
        {
            throw new ServiceUnavailableException("Segment membership inspection is switched off for this organisation.");
        }

        string? after = null;
        if (request.Cursor is not null)
        {
            MembersCursor.TryDecode(request.Cursor, out var decoded);
            after = decoded;
        }

        var definition = SegmentDefinition.From(segment);
        var page = await warehouse.ReadMembersAsync(environment, definition, after, request.Limit ?? GetSegmentMembersValidator.DefaultLimit,
            new WarehouseWork(WarehouseWork.Read, project.OrganisationId, project.Id), cancellationToken);
        var members = page.Members.Select(m =>
        {
            using var traits = JsonDocument.Parse(m.TraitsJson);
            return new SegmentMemberDto(m.Identifier, m.Key, traits.RootElement.Clone());
        }).ToList();
        return new SegmentMembersDto(members, page.HasMore && members.Count > 0 ? MembersCursor.Encode(members[^1].Identifier) : null);
    }
}
