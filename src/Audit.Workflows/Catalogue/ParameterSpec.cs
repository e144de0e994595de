using System.Text.Json;
using Audit.Domain.Grading;

namespace Audit.Workflows.Catalogue;

public enum ParameterKind
{
    WholeNumber,
    Grade,
}

/// <summary>A parameter a guard or activity takes in its <c>with</c> object. All parameters are required.</summary>
public sealed record ParameterSpec(string Name, ParameterKind Kind, string Description, int Min = int.MinValue, int Max = int.MaxValue)
{
    /// <summary>Null when the value fits; otherwise what is wrong with it.</summary>
    public string? Check(JsonElement value) => Kind switch
    {
        ParameterKind.WholeNumber when value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) =>
            $"'{Name}' must be a whole number.",
        ParameterKind.WholeNumber when value.GetInt32() < Min || value.GetInt32() > Max =>
            $"'{Name}' must be between {Min} and {Max}; it is {value.GetInt32()}.",
        ParameterKind.Grade when value.ValueKind != JsonValueKind.String || !Enum.TryParse<Grade>(value.GetString(), ignoreCase: false, out var grade) || !Enum.IsDefined(grade) || int.TryParse(value.GetString(), out _) =>
            $"'{Name}' must be one of {string.Join(", ", Enum.GetNames<Grade>())}.",
        _ => null,
    };
}

/// <summary>The checked parameters of one guard or activity reference.</summary>
public sealed class Parameters(IReadOnlyDictionary<string, JsonElement> values)
{
    public int WholeNumber(string name) => values[name].GetInt32();

    public Grade Grade(string name) => Enum.Parse<Grade>(values[name].GetString()!);
}
