namespace Audit.Domain;

/// <summary>A change an entity refuses because it would break one of its rules.</summary>
public class DomainRuleException(string message, string? field = null) : Exception(message)
{
    /// <summary>The request field at fault, when the rule is about one.</summary>
    public string? Field { get; } = field;
}
