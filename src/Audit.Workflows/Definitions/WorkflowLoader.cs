using System.Text.RegularExpressions;

namespace Audit.Workflows.Definitions;

/// <summary>Loads definitions from files or text, validating them all and failing with every error at once.</summary>
public static partial class WorkflowLoader
{
    public const string SchemaFileName = "workflow.schema.json";

    [GeneratedRegex(@"^(?<name>.+?)(\.v(?<version>[0-9]+))?\.json$")]
    private static partial Regex FileName();

    /// <summary>Every <c>*.json</c> file in the folder except the schema, each named <c>{name}.json</c> or <c>{name}.v{version}.json</c>.</summary>
    public static IReadOnlyList<WorkflowDefinition> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new WorkflowDefinitionException([new WorkflowDefinitionError(directory, "$", "the workflow folder does not exist.")]);
        }

        var errors = new List<WorkflowDefinitionError>();
        var definitions = new List<WorkflowDefinition>();
        var files = Directory.EnumerateFiles(directory, "*.json")
            .Where(f => !string.Equals(Path.GetFileName(f), SchemaFileName, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            errors.Add(new WorkflowDefinitionError(directory, "$", "the folder holds no workflow definitions."));
        }

        foreach (var file in files)
        {
            var definition = DefinitionReader.Read(File.ReadAllText(file), file, errors);
            if (definition is not null && CheckFileName(definition, file, errors))
            {
                definitions.Add(definition);
            }
        }

        foreach (var twin in definitions.GroupBy(d => (d.Name, d.Version)).Where(g => g.Count() > 1))
        {
            foreach (var definition in twin.Skip(1))
            {
                errors.Add(new WorkflowDefinitionError(definition.Source, "$.version",
                    $"{twin.Key.Name} version {twin.Key.Version} is also defined in {twin.First().Source}."));
            }
        }

        return errors.Count > 0 ? throw new WorkflowDefinitionException(errors) : definitions;
    }

    /// <summary>Reads one definition from text; <paramref name="source"/> names it in errors.</summary>
    public static WorkflowDefinition Parse(string json, string source)
    {
        var errors = new List<WorkflowDefinitionError>();
        return DefinitionReader.Read(json, source, errors) ?? throw new WorkflowDefinitionException(errors);
    }

    private static bool CheckFileName(WorkflowDefinition definition, string file, List<WorkflowDefinitionError> errors)
    {
        var match = FileName().Match(Path.GetFileName(file));
        var named = match.Groups["name"].Value;
        var version = match.Groups["version"];
        if (named == definition.Name && (!version.Success || version.Value == definition.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            return true;
        }

        errors.Add(new WorkflowDefinitionError(file, "$.name",
            $"the file name does not match its content ({definition.Name} version {definition.Version}): name it " +
            $"'{definition.Name}.json' or '{definition.Name}.v{definition.Version}.json'."));
        return false;
    }
}
