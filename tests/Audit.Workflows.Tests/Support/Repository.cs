namespace Audit.Workflows.Tests.Support;

public static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Audit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Could not find the folder holding Audit.sln.");
    }

    public static string WorkflowsFolder => Path.Combine(Root(), "workflows");

    public static string CaseFileAuditJson => File.ReadAllText(Path.Combine(WorkflowsFolder, "case-file-audit.json"));
}
