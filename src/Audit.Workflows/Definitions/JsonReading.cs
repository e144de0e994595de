using System.Text.Json;

namespace Audit.Workflows.Definitions;

/// <summary>Reads typed values out of a JSON object, recording a located error for each one missing or of the wrong type.</summary>
internal sealed class JsonReading(string source, List<WorkflowDefinitionError> errors)
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoParameters = new Dictionary<string, JsonElement>().AsReadOnly();

    public void Error(string path, string problem) => errors.Add(new WorkflowDefinitionError(source, path, problem));

    public bool IsObject(JsonElement element, string path, string what)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Error(path, $"{what} must be a JSON object.");
        return false;
    }

    public void RefuseUnknown(JsonElement obj, string path, params string[] known)
    {
        foreach (var property in obj.EnumerateObject().Where(p => !known.Contains(p.Name, StringComparer.Ordinal)))
        {
            Error($"{path}.{property.Name}", $"unknown property '{property.Name}'; expected one of {string.Join(", ", known)}.");
        }
    }

    public string? String(JsonElement obj, string name, string path, bool required = true)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error($"{path}.{name}", $"'{name}' is required.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            Error($"{path}.{name}", $"'{name}' must be a non-empty string.");
            return null;
        }

        return value.GetString();
    }

    public int? Integer(JsonElement obj, string name, string path, int min)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            Error($"{path}.{name}", $"'{name}' is required.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min)
        {
            Error($"{path}.{name}", $"'{name}' must be a whole number of at least {min}.");
            return null;
        }

        return number;
    }

    public bool Boolean(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return false;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Error($"{path}.{name}", $"'{name}' must be true or false.");
        return false;
    }

    /// <summary>The array's items with their paths; an absent optional array is empty.</summary>
    public IReadOnlyList<(JsonElement Item, string Path)> Array(JsonElement obj, string name, string path, bool required, bool nonEmpty = false)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            if (required)
            {
                Error($"{path}.{name}", $"'{name}' is required.");
            }

            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error($"{path}.{name}", $"'{name}' must be an array.");
            return [];
        }

        if (nonEmpty && value.GetArrayLength() == 0)
        {
            Error($"{path}.{name}", $"'{name}' must not be empty.");
        }

        return value.EnumerateArray().Select((item, i) => (item, $"{path}.{name}[{i}]")).ToList();
    }

    /// <summary>The <c>with</c> object of a guard or activity reference, as name to value.</summary>
    public IReadOnlyDictionary<string, JsonElement> With(JsonElement obj, string path)
    {
        if (!obj.TryGetProperty("with", out var value))
        {
            return NoParameters;
        }

        if (!IsObject(value, $"{path}.with", "'with'"))
        {
            return NoParameters;
        }

        return value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal).AsReadOnly();
    }
}
