using System.Net.Http.Headers;
using System.Text;
using Audit.Api.Tests.Support;
using Audit.Client;
using Audit.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Audit.Api.Tests.Contract;

/// <summary>
/// The whole audit loop driven through the client Kiota generated from the document (tests/Audit.Client), with none
/// of this project's own types: every request and answer is the generated client's, and so is every refusal.
/// </summary>
public sealed class GeneratedClientTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AGeneratedClientDrivesTheWholeAuditLoop()
    {
        var ct = TestContext.Current.CancellationToken;
        var psw = await SignInAsync(DemoUsers.Psw);

        // The PSW makes a template of their own.
        var template = (await psw.Api.Templates.PostAsync(
            new CreateTemplate
            {
                Name = "Generated client's voice audit",
                Criteria =
                [
                    new CriterionInput { Title = "My views are asked for", Guidance = "Look for the child's own words.", PlainWords = "Did they ask what I think?" },
                    new CriterionInput { Title = "I understand my plan", Guidance = "Look for the plan explained to the child.", PlainWords = "Was my plan explained to me?" },
                    new CriterionInput { Title = "I am involved in decisions", Guidance = "Look for the child in the meeting.", PlainWords = "Was I part of deciding?" },
                ],
                Target = new TargetInput { Percent = 65, AtLeast = Grade.Good },
                Graders = [GraderRole.Auditor, GraderRole.YoungAssessor],
            },
            cancellationToken: ct))!;
        template.Version.ShouldBe(1);
        template.Criteria!.Count.ShouldBe(3);
        var criteria = template.Criteria.OrderBy(c => c.Position).Select(c => c.Id!.Value).ToList();

        // The team the case file belongs to, and a case file of its own, imported as the case-management CSV.
        var team = (await psw.Api.Teams.GetAsync(cancellationToken: ct))!.First(t => !string.IsNullOrEmpty(t.TeamManager));
        var csv = $"reference,team,serviceArea,stage,worker,childAgeBand\nCF-CLIENT-1,{team.Name},{team.ServiceArea},Review,Robin Ash,TenToFifteen\n";
        using (var file = new MemoryStream(Encoding.UTF8.GetBytes(csv)))
        {
            var imported = (await psw.Api.CaseFiles.Import.PostAsync(file, cancellationToken: ct))!;
            imported.Added.ShouldBe(1);
        }

        var caseFile = (await psw.Api.CaseFiles.GetAsync(r => r.QueryParameters.Reference = "CF-CLIENT-1", ct))!.ShouldHaveSingleItem();
        caseFile.TeamId.ShouldBe(team.Id);

        // A round over it: one audit, graded by an auditor and a young assessor.
        var round = (await psw.Api.Rounds.PostAsync(
            new PlanRound
            {
                Name = "Generated client's round",
                TemplateId = template.Id,
                DueOn = new Date(2026, 12, 18),
                CaseFileIds = [caseFile.Id],
                Auditor = DemoUsers.Auditor,
                YoungAssessor = DemoUsers.YoungAssessor,
            },
            cancellationToken: ct))!;
        var auditId = round.AuditIds.ShouldHaveSingleItem()!.Value;
        (await psw.Api.Rounds[round.Id!.Value].GetAsync(cancellationToken: ct))!.Name.ShouldBe("Generated client's round");

        // The auditor grades: the third criterion requires improvement.
        var auditor = await SignInAsync(DemoUsers.Auditor);
        var audit = (await auditor.Api.Audits[auditId].GetAsync(cancellationToken: ct))!;
        audit.CaseFile!.Reference.ShouldBe("CF-CLIENT-1");
        audit.Criteria!.Select(c => c.Id!.Value).ShouldBe(criteria, ignoreOrder: true);
        var graded = (await auditor.Api.Audits[auditId].Gradings.PostAsync(Grading(criteria, Grade.Good, (2, Grade.RequiresImprovement)), cancellationToken: ct))!;
        graded.Gradings!.ShouldHaveSingleItem().Role.ShouldBe(GraderRole.Auditor);

        // The young assessor reads their review through the client, in its own shape (which has no reference, team or
        // worker to leave out), and grades it.
        var youngAssessor = await SignInAsync(DemoUsers.YoungAssessor);
        var mine = (await youngAssessor.Api.Audits.GetAsync(r => r.QueryParameters.Mine = true, ct))!;
        mine.Select(a => a.Id).ShouldContain(auditId);
        var review = (await youngAssessor.Api.Reviews[auditId].GetAsync(cancellationToken: ct))!;
        review.CaseFile!.Id.ShouldBe(caseFile.Id);
        (review.CaseFile.Stage, review.CaseFile.ChildAgeBand).ShouldBe((Stage.Review, ChildAgeBand.TenToFifteen));
        review.Criteria!.OrderBy(c => c.Position).Select(c => c.Question).ShouldBe(["Did they ask what I think?", "Was my plan explained to me?", "Was I part of deciding?"]);
        review.MyGrading.ShouldBeNull();
        var reviewed = (await youngAssessor.Api.Reviews[auditId].Gradings.PostAsync(Grading(criteria, Grade.Good), cancellationToken: ct))!;
        reviewed.MyGrading!.Grades!.Select(g => g.Grade).ShouldAllBe(g => g == Grade.Good);
        reviewed.MyGrading.Overall.ShouldBe(Grade.Good);

        // The follow-up action raised for the third criterion, for the team's manager.
        var completed = (await psw.Api.Audits[auditId].GetAsync(cancellationToken: ct))!;
        completed.FinalGrades!.Single(g => g.CriterionId == criteria[2]).Grade.ShouldBe(Grade.RequiresImprovement);
        var action = completed.Actions.ShouldHaveSingleItem();
        action.CriterionId.ShouldBe(criteria[2]);
        action.Status.ShouldBe(ActionStatus.Open);
        action.Assignee.ShouldBe(team.TeamManager);

        // The team manager sees it among their own and closes it, saying what changed for the child.
        var teamManager = await SignInAsync(team.TeamManager!);
        (await teamManager.Api.Actions.GetAsync(r => r.QueryParameters.Mine = true, ct))!.Select(a => a.Id).ShouldContain(action.Id);
        var closed = (await teamManager.Api.Actions[action.Id!.Value].Close.PostAsync(
            new CloseActionBody { WhatChanged = "The child now chairs part of their review, as they asked." },
            cancellationToken: ct))!;
        closed.Status.ShouldBe(ActionStatus.Closed);
        closed.ClosedBy.ShouldBe(team.TeamManager);

        // The dashboard and the monthly report count the audit against the template's target.
        var dashboard = (await psw.Api.Dashboard.GetAsync(r => r.QueryParameters.TemplateId = template.Id, ct))!;
        dashboard.Template.ShouldBe("Generated client's voice audit");
        dashboard.Target!.Percent.ShouldBe(65);
        var third = dashboard.Cells!.Single(c => c.CriterionId == criteria[2] && c.ServiceArea == team.ServiceArea);
        (third.Total, third.GoodOrBetter, third.MeetsTarget).ShouldBe((1, 0, false));
        var report = (await psw.Api.Reports.Monthly.GetAsync(
            r =>
            {
                r.QueryParameters.TemplateId = template.Id;
                r.QueryParameters.Month = "2026-11";
            },
            ct))!;
        report.Template.ShouldBe("Generated client's voice audit");
        (report.Overall!.Total, report.Overall.GoodOrBetter).ShouldBe((1, 1), "one audit, its overall grade Good");

        // Refusals come back as the generated problem types, with their status and extensions.
        var notFound = await Should.ThrowAsync<ProblemDetails>(() => psw.Api.Audits[Guid.NewGuid()].GetAsync(cancellationToken: ct));
        (notFound.ResponseStatusCode, notFound.Status).ShouldBe((404, 404));
        notFound.TraceId.ShouldNotBeNullOrEmpty();

        var invalid = await Should.ThrowAsync<HttpValidationProblemDetails>(() => psw.Api.Rounds.PostAsync(new PlanRound { Name = "" }, cancellationToken: ct));
        invalid.Status.ShouldBe(400);
        invalid.Errors!.AdditionalData.Keys.ShouldContain("name");

        var conflict = await Should.ThrowAsync<ProblemDetails>(() => auditor.Api.Audits[auditId].Gradings.PostAsync(Grading(criteria, Grade.Good), cancellationToken: ct));
        (conflict.ResponseStatusCode, conflict.Status).ShouldBe((409, 409));
        conflict.Detail.ShouldNotBeNullOrEmpty();

        using var badFile = new MemoryStream(Encoding.UTF8.GetBytes("not,a,header\n"));
        var rejected = await Should.ThrowAsync<ImportProblemDetails>(() => psw.Api.CaseFiles.Import.PostAsync(badFile, cancellationToken: ct));
        rejected.Status.ShouldBe(422);
        rejected.Faults.ShouldNotBeEmpty();
        rejected.Faults![0].Column.ShouldNotBeNullOrEmpty();
    }

    private static SubmitGradingBody Grading(IReadOnlyList<Guid> criteria, Grade grade, params (int Index, Grade Grade)[] except) => new()
    {
        Grades = criteria.Select((id, i) => new GradeInput
        {
            CriterionId = id,
            Grade = except.Where(e => e.Index == i).Select(e => (Grade?)e.Grade).FirstOrDefault() ?? grade,
            Evidence = "Seen in the review record and the child's own words.",
        }).ToList(),
        Overall = grade,
    };

    /// <summary>A generated client signed in as one demo user with a token from the development sign-in, also through the client.</summary>
    private async Task<AuditApiClient> SignInAsync(string userName)
    {
        var anonymous = NewClient(_factory.CreateClient());
        var token = (await anonymous.Api.Dev.Token.PostAsync(new TokenRequest { UserName = userName }, cancellationToken: TestContext.Current.CancellationToken))!.Token;
        var http = _factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return NewClient(http);
    }

    private static AuditApiClient NewClient(HttpClient http) =>
        new(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') });
}
