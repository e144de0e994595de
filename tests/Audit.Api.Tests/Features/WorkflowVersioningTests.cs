using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Features;

public sealed class WorkflowVersioningTests : IDisposable
{
    private readonly string _workflows = RepositoryFiles.CopyOfWorkflows();
    private readonly string _data = AuditApiFactory.NewFolder();

    public void Dispose()
    {
        TestDatabase.Delete(_data);
        foreach (var folder in new[] { Path.GetDirectoryName(_workflows)! })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task AnAuditKeepsItsVersionWhenANewerDefinitionArrivesAndNewAuditsTakeTheNewest()
    {
        Guid oldAudit;
        using (var first = new AuditApiFactory(_workflows, folder: _data))
        {
            oldAudit = (await new Scenario(first).PlanRoundAsync()).Single();
        }

        WriteVersion2(dueInDays: 14);
        using var second = new AuditApiFactory(_workflows, folder: _data);
        var scenario = new Scenario(second);
        var newAudit = (await scenario.PlanRoundAsync(skip: 1)).Single();

        (await scenario.Psw.GetOkAsync($"/api/audits/{oldAudit}"))["workflow"]!["version"]!.GetValue<int>().ShouldBe(1);
        (await scenario.Psw.GetOkAsync($"/api/audits/{newAudit}"))["workflow"]!["version"]!.GetValue<int>().ShouldBe(2);

        var criteria = await scenario.CriterionIdsAsync();
        foreach (var audit in new[] { oldAudit, newAudit })
        {
            await scenario.Auditor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good", (0, "RequiresImprovement")));
            await scenario.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good"));
        }

        (await scenario.Psw.GetOkAsync($"/api/audits/{oldAudit}")).Arr("actions").Single()!.Str("dueOn").ShouldBe("2026-11-30");
        (await scenario.Psw.GetOkAsync($"/api/audits/{newAudit}")).Arr("actions").Single()!.Str("dueOn").ShouldBe("2026-11-16");

        var listed = await scenario.Psw.GetOkAsync("/api/workflows");
        listed.AsArray().Select(w => $"{w.Str("name")} v{w!["version"]!.GetValue<int>()}").ShouldBe(["case-file-audit v1", "case-file-audit v2"]);
        var detail = await scenario.Psw.GetOkAsync("/api/workflows/case-file-audit/versions/2");
        detail.Str("mermaid").ShouldContain("stateDiagram");
        detail["definition"]!["version"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task AnAuditKeepsRunningWhenItsDefinitionFileIsRemoved()
    {
        Guid oldAudit;
        using (var first = new AuditApiFactory(_workflows, folder: _data))
        {
            oldAudit = (await new Scenario(first).PlanRoundAsync()).Single();
        }

        WriteVersion2(dueInDays: 14);
        File.Delete(Path.Combine(_workflows, "case-file-audit.json"));
        using var second = new AuditApiFactory(_workflows, folder: _data);
        var scenario = new Scenario(second);
        var criteria = await scenario.CriterionIdsAsync();

        await scenario.Auditor.PostOkAsync($"/api/audits/{oldAudit}/gradings", Scenario.Grading(criteria, "Good"));
        var done = await scenario.YoungAssessor.PostOkAsync($"/api/audits/{oldAudit}/gradings", Scenario.Grading(criteria, "Good"));

        done.Str("state").ShouldBe("Completed");
        done["workflow"]!["version"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public void RefusesToStartWhenAPublishedVersionsFileHasChanged()
    {
        using (var first = new AuditApiFactory(_workflows, folder: _data))
        {
            first.CreateClient().Dispose();
        }

        var path = Path.Combine(_workflows, "case-file-audit.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"dueInDays\": 28", "\"dueInDays\": 21", StringComparison.Ordinal));
        using var second = new AuditApiFactory(_workflows, folder: _data);

        var error = Should.Throw<Exception>(() => second.CreateClient());

        error.ToString().ShouldContain("case-file-audit.json");
        error.ToString().ShouldContain("never changes");
    }

    [Fact]
    public void RefusesToStartOnADefinitionNamingAnUnknownStateAndSaysWhere()
    {
        var path = Path.Combine(_workflows, "case-file-audit.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["transitions"]![0]!["to"] = "Moderaton";
        File.WriteAllText(path, json.ToJsonString());
        using var factory = new AuditApiFactory(_workflows, folder: _data);

        var error = Should.Throw<Exception>(() => factory.CreateClient());

        error.ToString().ShouldContain("case-file-audit.json");
        error.ToString().ShouldContain("$.transitions[0].to");
        error.ToString().ShouldContain("Moderaton");
    }

    private void WriteVersion2(int dueInDays)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(_workflows, "case-file-audit.json")))!;
        json["version"] = 2;
        json["title"] = "Case-file audit (shorter action deadline)";
        var actionsOpen = json["states"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "ActionsOpen")!;
        actionsOpen["onEntry"]!.AsArray().Single(a => a!["activity"]!.GetValue<string>() == "raiseFollowUpActions")!["with"]!["dueInDays"] = dueInDays;
        File.WriteAllText(Path.Combine(_workflows, "case-file-audit.v2.json"), json.ToJsonString(new() { WriteIndented = true }));
    }
}
