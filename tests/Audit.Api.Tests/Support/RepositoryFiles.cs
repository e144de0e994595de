namespace Audit.Api.Tests.Support;

public static class RepositoryFiles
{
    /// <summary>The repository's own workflows/ folder, found by walking up to the folder that holds Audit.sln.</summary>
    public static string WorkflowsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Audit.sln")))
            {
                return Path.Combine(dir.FullName, "workflows");
            }
        }

        throw new DirectoryNotFoundException("Could not find the repository root (the folder with Audit.sln).");
    }

    /// <summary>A fresh folder holding a copy of the repository's case-file-audit definition and its schema.</summary>
    public static string CopyOfWorkflows()
    {
        var folder = Path.Combine(AuditApiFactory.NewFolder(), "workflows");
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "case-file-audit.json", "workflow.schema.json" })
        {
            File.Copy(Path.Combine(WorkflowsFolder(), file), Path.Combine(folder, file));
        }

        return folder;
    }
}
