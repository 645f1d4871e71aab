namespace ModularAnalytics.BuildingBlocks.Domain;

/// <summary>A business rule was broken; surfaces as a 400 naming <see cref="Field"/>.</summary>
public class DomainException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
