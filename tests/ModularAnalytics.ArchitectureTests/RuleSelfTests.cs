using ModularAnalytics.ArchitectureTests.Rules;

namespace ModularAnalytics.ArchitectureTests;

/// <summary>
/// The rules fail when broken: each runs against the deliberately broken types of the Fixtures project and must
/// report exactly those, naming the type and the dependency, while the compliant fixtures pass.
/// </summary>
public sealed class RuleSelfTests(FixtureAssembly fixtures) : IClassFixture<FixtureAssembly>
{
    private const string Fake = "ModularAnalytics.Modules.Fake";
    private const string DbContextOptionsBuilder = "Microsoft.EntityFrameworkCore.DbContextOptionsBuilder";

    private static readonly string[] CompliantTypes =
    [
        $"{Fake}.Domain.GoodEntity",
        $"{Fake}.Domain.GoodValue",
        $"{Fake}.Application.GoodCommand",
        $"{Fake}.Application.InitOnlyQuery",
        $"{Fake}.Application.GoodCommandHandler",
        $"{Fake}.Application.HandlerContainer+NestedHandler",
        $"{Fake}.Application.GoodCommandValidator",
        $"{Fake}.Application.ValidatorBase`1",
        $"{Fake}.Api.GoodEndpoint",
        $"{Fake}.Application.FakeOptions",
        $"{Fake}.Contracts.FakeDto",
        $"{Fake}.Infrastructure.FakeStore",
    ];

    [Fact]
    public void Domain_rule_finds_uses_hidden_in_bodies_async_methods_lambdas_generic_arguments_and_attributes()
    {
        var violations = ArchitectureRules.DomainIsPure.Check(fixtures.Dependencies);

        AssertExactly(violations,
            ($"{Fake}.Domain.AsyncEntity", DbContextOptionsBuilder),
            ($"{Fake}.Domain.BodyOnlyEntity", DbContextOptionsBuilder),
            ($"{Fake}.Domain.GenericArgumentEntity", "Microsoft.AspNetCore.Http.IResult"),
            ($"{Fake}.Domain.KeylessEntity", "Microsoft.EntityFrameworkCore.KeylessAttribute"),
            ($"{Fake}.Domain.LambdaEntity", "MediatR.Unit"),
            ($"{Fake}.Domain.ReachesUpEntity", $"{Fake}.Application.GoodCommand"),
            ($"{Fake}.Domain.TypeConverterEntity", "Microsoft.AspNetCore.Http.HttpContext"));

        // The message names the type, the dependency and where it hides.
        Assert.Contains(violations, v => v.ToString() == $"{Fake}.Domain.BodyOnlyEntity -> {DbContextOptionsBuilder} (via method Describe body)");
        Assert.Contains(violations, v => v.ToString() == $"{Fake}.Domain.AsyncEntity -> {DbContextOptionsBuilder} (via method LoadAsync body (state machine))");
        Assert.Contains(violations, v => v.ToString() == $"{Fake}.Domain.LambdaEntity -> MediatR.Unit (via method Factory body (lambda))");
        Assert.Contains(violations, v => v.ToString() == $"{Fake}.Domain.TypeConverterEntity -> Microsoft.AspNetCore.Http.HttpContext (via attribute)");
    }

    [Fact]
    public void Application_rule_finds_infrastructure_ef_core_in_a_closure_and_infrastructure_building_blocks()
    {
        var violations = ArchitectureRules.ApplicationIsInfrastructureFree.Check(fixtures.Dependencies);

        AssertExactly(violations,
            ($"{Fake}.Application.LambdaEfService", DbContextOptionsBuilder),
            ($"{Fake}.Application.ReachesInfrastructure", $"{Fake}.Infrastructure.FakeStore"),
            ($"{Fake}.Application.UsesRelationalStore", "ModularAnalytics.BuildingBlocks.Infrastructure.Persistence.RelationalProvider"),
            ($"{Fake}.Application.UsesRelationalStore", "ModularAnalytics.BuildingBlocks.Infrastructure.Persistence.RelationalStore"));
        Assert.Contains(violations, v => v.ToString() == $"{Fake}.Application.LambdaEfService -> {DbContextOptionsBuilder} (via method Check body (lambda))");
    }

    [Fact]
    public void Module_rule_allows_another_modules_contracts_and_nothing_else()
    {
        var violations = ArchitectureRules.ModulesMeetThroughContracts.Check(fixtures.Dependencies);

        AssertExactly(violations, ($"{Fake}.Application.CrossModuleService", "ModularAnalytics.Modules.Other.Domain.OtherEntity"));
        Assert.Equal("via method Forbidden body", Assert.Single(violations).Detail);
    }

    [Fact]
    public void Contracts_rule_rejects_even_another_modules_contracts()
    {
        var violations = ArchitectureRules.ContractsStandAlone.Check(fixtures.Dependencies);

        AssertExactly(violations, ($"{Fake}.Contracts.LeakyContract", "ModularAnalytics.Modules.Other.Contracts.OtherDto"));
    }

    [Fact]
    public void Building_block_rule_finds_a_module_reference()
    {
        var violations = ArchitectureRules.BuildingBlocksKnowNoModule.Check(fixtures.Dependencies);

        AssertExactly(violations, ("ModularAnalytics.BuildingBlocks.Fake.LeakyBlock", $"{Fake}.Domain.GoodEntity"));
    }

    [Fact]
    public void Plumbing_rule_finds_public_handlers_validators_and_endpoint_modules()
    {
        var violations = ArchitectureRules.PlumbingIsInternal.Check(fixtures.Set.Assemblies);

        AssertExactly(violations,
            ($"{Fake}.Api.PublicEndpoint", ArchitectureRules.EndpointModule),
            ($"{Fake}.Application.DerivedPublicValidator", ArchitectureRules.AbstractValidator),
            ($"{Fake}.Application.PublicCommandHandler", ArchitectureRules.RequestHandler),
            ($"{Fake}.Application.PublicValidator", ArchitectureRules.AbstractValidator));
    }

    [Fact]
    public void Immutability_rule_finds_setters_and_writable_fields_of_commands()
    {
        var violations = ArchitectureRules.RequestsAreImmutable.Check(fixtures.Set.Assemblies);

        AssertExactly(violations,
            ($"{Fake}.Application.MutableCommand", "field Count"),
            ($"{Fake}.Application.MutableCommand", "property Name"),
            ($"{Fake}.Application.MutableRecordCommand", "property Retries"));
    }

    [Fact]
    public void Api_rule_finds_an_endpoint_reaching_into_infrastructure()
    {
        var violations = ArchitectureRules.ApiIsInfrastructureFree.Check(fixtures.Dependencies);

        AssertExactly(violations, ($"{Fake}.Api.ReachesInfrastructureEndpoint", $"{Fake}.Infrastructure.FakeStore"));
    }

    [Fact]
    public void Container_rule_finds_service_lookups_and_scopes_in_application_code()
    {
        var violations = ArchitectureRules.ApplicationAvoidsTheContainer.Check(fixtures.Dependencies);

        AssertExactly(violations,
            ($"{Fake}.Application.OpensScopes", "Microsoft.Extensions.DependencyInjection.IServiceScope"),
            ($"{Fake}.Application.OpensScopes", "Microsoft.Extensions.DependencyInjection.IServiceScopeFactory"),
            ($"{Fake}.Application.ResolvesFromContainer", "System.IServiceProvider"));
    }

    [Fact]
    public void An_allow_list_entry_exempts_its_type_and_is_reported_once_it_no_longer_breaks_the_rule()
    {
        var rule = DependencyRule.For("test", ns => ns.StartsWith($"{Fake}.Application", StringComparison.Ordinal))
            .MustNotUse("the container", d => d.Target == "System.IServiceProvider")
            .Allowing($"{Fake}.Application.ResolvesFromContainer", "reason")
            .Allowing($"{Fake}.Application.GoodCommand", "reason");

        Assert.Empty(rule.Check(fixtures.Dependencies));
        Assert.Equal([$"{Fake}.Application.GoodCommand"], rule.UnusedAllowances(fixtures.Dependencies));

        // The real rule's allow-list names no fixture, so against the fixtures every entry reads as unused.
        Assert.Equal(
            ArchitectureRules.NamesCarryTheirRole.Allowed.Keys.Order(StringComparer.Ordinal),
            ArchitectureRules.NamesCarryTheirRole.UnusedAllowances(fixtures.Set.Assemblies));
    }

    [Fact]
    public void Naming_rule_finds_handlers_validators_endpoints_and_options_without_their_suffix()
    {
        var violations = ArchitectureRules.NamesCarryTheirRole.Check(fixtures.Set.Assemblies);

        AssertExactly(violations,
            ($"{Fake}.Api.RouteTable", ArchitectureRules.EndpointModule),
            ($"{Fake}.Application.FakeSettings", "configuration"),
            ($"{Fake}.Application.GoodCommandProcessor", ArchitectureRules.RequestHandler),
            ($"{Fake}.Application.GoodCommandRules", ArchitectureRules.AbstractValidator),
            ($"{Fake}.Application.RetryPolicy", "configuration"));
    }

    [Fact]
    public void File_size_rule_finds_a_long_file_honours_its_allowance_and_reports_stale_ones()
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "tests", "ModularAnalytics.ArchitectureTests.Fixtures", "Sizes");
        FileSizeRule Rule(params string[] allowed) => new("test", 20, allowed.ToDictionary(path => path, _ => "reason"));

        var plain = Rule().Check(folder);
        Assert.Equal("LongFile.cs -> 25 lines (over 20: split it, or record why it stays in the allow-list)", Assert.Single(plain).ToString());

        Assert.Empty(Rule("LongFile.cs").Check(folder));

        AssertExactly(Rule("ShortFile.cs", "Gone.cs").Check(folder),
            ("Gone.cs", "allow-listed"),
            ("LongFile.cs", "25 lines"),
            ("ShortFile.cs", "allow-listed"));
    }

    [Fact]
    public void Compliant_fixtures_break_no_rule()
    {
        var violations = ArchitectureRules.DependencyRules.SelectMany(r => r.Check(fixtures.Dependencies))
            .Concat(ArchitectureRules.TypeRules.SelectMany(r => r.Check(fixtures.Set.Assemblies)))
            .Where(v => CompliantTypes.Contains(v.Type))
            .ToList();

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.DoesNotContain(
            ArchitectureRules.ModulesMeetThroughContracts.Check(fixtures.Dependencies),
            v => v.Subject == "ModularAnalytics.Modules.Other.Contracts.OtherDto");
    }

    private static void AssertExactly(IReadOnlyList<Violation> violations, params (string Type, string Subject)[] expected)
    {
        var actual = violations.Select(v => (v.Type, v.Subject)).Distinct().Order().ToList();
        Assert.True(
            expected.Order().SequenceEqual(actual),
            "Expected:" + Environment.NewLine + string.Join(Environment.NewLine, expected.Order())
            + Environment.NewLine + "Actual:" + Environment.NewLine + string.Join(Environment.NewLine, violations));
    }
}
