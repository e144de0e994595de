using System.Text.Json;
using Audit.Domain.Grading;

namespace Audit.Workflows.Catalogue;

/// <summary>The kinds of value a parameter can hold.</summary>
public enum ParameterKind
{
    WholeNumber,
    Grade,

    /// <summary>One of the service's roles, by name.</summary>
    Role,

    /// <summary>Plain text of 1 to <see cref="ParameterSpec.Max"/> characters.</summary>
    Text,

    /// <summary>One of <see cref="ParameterSpec.Choices"/>, exactly as written there.</summary>
    Choice,
}

/// <summary>A parameter a guard or activity takes in its <c>with</c> object. All parameters are required.</summary>
/// <param name="Min">The least whole number allowed.</param>
/// <param name="Max">The greatest whole number allowed.</param>
public sealed record ParameterSpec(string Name, ParameterKind Kind, string Description, int Min = int.MinValue, int Max = int.MaxValue, IReadOnlyList<string>? Choices = null)
{
    /// <summary>Null when the value fits; otherwise what is wrong with it.</summary>
    public string? Check(JsonElement value) => Kind switch
    {
        ParameterKind.WholeNumber when value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out _) =>
            $"'{Name}' must be a whole number; it is {value.GetRawText()}.",
        ParameterKind.WholeNumber when value.GetInt32() < Min || value.GetInt32() > Max =>
            $"'{Name}' must be {Range}; it is {value.GetInt32()}.",
        ParameterKind.Grade when value.ValueKind != JsonValueKind.String || !Enum.GetNames<Grade>().Contains(value.GetString(), StringComparer.Ordinal) =>
            $"'{Name}' must be one of {string.Join(", ", Enum.GetNames<Grade>())}; it is {value.GetRawText()}.",
        ParameterKind.Role when value.ValueKind != JsonValueKind.String || !Domain.Users.Role.IsKnown(value.GetString()!) =>
            $"'{Name}' must be one of {string.Join(", ", Domain.Users.Role.All)}; it is {value.GetRawText()}.",
        ParameterKind.Text when value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()) || value.GetString()!.Length > Max =>
            $"'{Name}' must be text of 1 to {Max} characters.",
        ParameterKind.Choice when value.ValueKind != JsonValueKind.String || !(Choices ?? []).Contains(value.GetString(), StringComparer.Ordinal) =>
            $"'{Name}' must be one of {string.Join(", ", Choices ?? [])}; it is {value.GetRawText()}.",
        _ => null,
    };

    private string Range => (Min, Max) switch
    {
        (int.MinValue, int.MaxValue) => "any whole number",
        (_, int.MaxValue) => $"at least {Min}",
        (int.MinValue, _) => $"at most {Max}",
        _ => $"between {Min} and {Max}",
    };
}

/// <summary>The checked parameters of one guard or activity reference.</summary>
public sealed class Parameters(IReadOnlyDictionary<string, JsonElement> values)
{
    public int WholeNumber(string name) => values[name].GetInt32();

    public Grade Grade(string name) => Enum.Parse<Grade>(values[name].GetString()!);

    public string Text(string name) => values[name].GetString()!;
}
