using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>
/// Asks ClickHouse to compile the RE2 rendering of a pattern (<c>match('', pattern)</c>), so a pattern that RE2 refuses
/// (too large a program, too deep a repetition) is a 400 at write time instead of a failing refresh later. With the
/// warehouse disabled or unreachable there is nothing to ask: the parser's own limits stand, and the refresh isolates
/// a segment that still fails.
/// </summary>
internal sealed class WarehouseRegexCheck(IClickHouseClient client, WarehouseStatus status, ILogger<WarehouseRegexCheck> logger) : IRegexEngineCheck
{
    public async Task<string?> CheckAsync(string pattern, CancellationToken cancellationToken)
    {
        if (!status.IsEnabled || !RegexSubset.TryParse(pattern, out var pieces, out _))
        {
            return null;
        }

        var query = new ClickHouseQuery("SELECT match('', {regex_check:String}) AS matched")
            .WithParameter("regex_check", Re2Pattern.Render(pieces))
            .WithLogComment("modularanalytics:segment_membership:validate");
        try
        {
            await client.QueryAsync(query, cancellationToken);
            return null;
        }
        catch (ClickHouseException ex) when (ex.Code > 0)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The warehouse could not check a REGEX pattern; it is stored on the parser's checks alone");
            return null;
        }
    }
}
