using ModularAnalytics.ArchitectureTests.Rules;

namespace ModularAnalytics.ArchitectureTests;

/// <summary>The architecture rules against the real assemblies.</summary>
public sealed class ModularMonolithTests(SolutionAssemblies solution) : IClassFixture<SolutionAssemblies>
{
    private static readonly string[] Modules = ["Catalog", "SegmentMembership", "Experimentation", "Datar"];
    private static readonly string[] BuildingBlocks = ["Domain", "Application", "Infrastructure", "Api", "ClickHouse"];

    [Fact]
    public void Every_module_layer_and_building_block_is_scanned()
    {
        var expected = Modules
            .SelectMany(m => LayerOf.ModuleLayers.Select(l => $"ModularAnalytics.Modules.{m}.{l}"))
            .Concat(BuildingBlocks.Select(b => $"ModularAnalytics.BuildingBlocks.{b}"))
            .ToList();

        var missing = expected.Except(solution.Set.Names, StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, "Not scanned: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_scan_sees_signatures_and_method_bodies_of_the_real_assemblies()
    {
        // Guards against a scan that silently finds nothing and so lets every rule pass.
        Assert.Contains(solution.Dependencies, d =>
            d.Source == "ModularAnalytics.BuildingBlocks.Infrastructure.Persistence.ModuleDbContext"
            && d.Target == "Microsoft.EntityFrameworkCore.ModelBuilder");
        Assert.Contains(solution.Dependencies, d =>
            d.Source == "ModularAnalytics.BuildingBlocks.Application.Behaviours.ValidationBehaviour`2"
            && d.Target == "FluentValidation.ValidationException"
            && d.Location.Contains("body", StringComparison.Ordinal));
    }

    [Fact]
    public void Domain_uses_no_application_infrastructure_api_ef_core_aspnet_or_mediatr() => AssertHolds(ArchitectureRules.DomainIsPure);

    [Fact]
    public void Application_uses_no_infrastructure_api_ef_core_or_aspnet() => AssertHolds(ArchitectureRules.ApplicationIsInfrastructureFree);

    [Fact]
    public void Modules_use_each_other_only_through_contracts() => AssertHolds(ArchitectureRules.ModulesMeetThroughContracts);

    [Fact]
    public void Contracts_stand_alone() => AssertHolds(ArchitectureRules.ContractsStandAlone);

    [Fact]
    public void Building_blocks_know_no_module() => AssertHolds(ArchitectureRules.BuildingBlocksKnowNoModule);

    [Fact]
    public void Handlers_validators_and_endpoint_modules_are_not_public() => AssertHolds(ArchitectureRules.PlumbingIsInternal);

    [Fact]
    public void Commands_and_queries_are_immutable() => AssertHolds(ArchitectureRules.RequestsAreImmutable);

    [Fact]
    public void Api_uses_no_infrastructure() => AssertHolds(ArchitectureRules.ApiIsInfrastructureFree);

    [Fact]
    public void Application_does_not_use_the_container() => AssertHolds(ArchitectureRules.ApplicationAvoidsTheContainer);

    [Fact]
    public void Handlers_validators_endpoints_and_options_carry_their_suffix() => AssertHolds(ArchitectureRules.NamesCarryTheirRole);

    [Fact]
    public void No_file_in_src_is_over_400_lines_without_a_recorded_reason()
    {
        var rule = ArchitectureRules.SourceFilesStayShort;
        var violations = rule.Check(Path.Combine(RepositoryRoot.Find(), "src"));
        Assert.True(violations.Count == 0, ViolationReport.Describe(rule.Name, violations));
    }

    [Fact]
    public void Every_allow_list_entry_is_still_needed()
    {
        var unused = ArchitectureRules.DependencyRules.SelectMany(r => r.UnusedAllowances(solution.Dependencies).Select(t => $"{r.Name}: {t}"))
            .Concat(ArchitectureRules.TypeRules.SelectMany(r => r.UnusedAllowances(solution.Set.Assemblies).Select(t => $"{r.Name}: {t}")))
            .ToList();
        Assert.True(unused.Count == 0, "Allowed but no longer breaking the rule; remove from the allow-list:" + Environment.NewLine + string.Join(Environment.NewLine, unused));
    }

    private void AssertHolds(DependencyRule rule)
    {
        var violations = rule.Check(solution.Dependencies);
        Assert.True(violations.Count == 0, ViolationReport.Describe(rule.Name, violations));
    }

    private void AssertHolds(TypeRule rule)
    {
        var violations = rule.Check(solution.Set.Assemblies);
        Assert.True(violations.Count == 0, ViolationReport.Describe(rule.Name, violations));
    }
}
