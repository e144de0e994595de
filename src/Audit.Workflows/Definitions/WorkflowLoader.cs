using System.Globalization;
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
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
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
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add(new WorkflowDefinitionError(file, "$", $"the file cannot be read: {ex.Message}"));
                continue;
            }

            var read = DefinitionReader.Read(text, file, errors);
            var namedRightly = read.Name is null || read.Version is null || CheckFileName(read.Name, read.Version.Value, file, errors);
            if (read.Definition is not null && namedRightly)
            {
                definitions.Add(read.Definition);
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
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<WorkflowDefinitionError>();
        return DefinitionReader.Read(json, source, errors).Definition ?? throw new WorkflowDefinitionException(errors);
    }

    private static bool CheckFileName(string name, int version, string file, List<WorkflowDefinitionError> errors)
    {
        var match = FileName().Match(Path.GetFileName(file));
        var versionInName = match.Groups["version"];
        if (match.Groups["name"].Value == name && (!versionInName.Success || versionInName.Value == version.ToString(CultureInfo.InvariantCulture)))
        {
            return true;
        }

        errors.Add(new WorkflowDefinitionError(file, "$.name",
            $"the file name does not match its content ({name} version {version}): name it '{name}.json' or '{name}.v{version}.json'."));
        return false;
    }
}
