using System.Net;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Pages;

/// <summary>A question page saved after the grades were sent from elsewhere says so and shows where things stand; never a 500.</summary>
public sealed class QuestionPageConflictTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SavingAnAnswerAfterTheGradesWereSentElsewhereSaysSoAndKeepsTheSentGrades()
    {
        var scenario = new Scenario(_factory);
        var auditId = (await scenario.PlanRoundAsync()).Single();
        var browser = new Browser(_factory);
        await browser.SignInAsync("Jay");
        var question = await browser.GetOkAsync($"/audits/{auditId}/grade/1");

        // Another tab or device sends the grades while this page is open.
        var criteria = await scenario.CriterionIdsAsync();
        await scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        var response = await browser.PressAsync(question, "Save and continue", $"/audits/{auditId}/grade/1");
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        text.ShouldContain("There is a problem");
        text.ShouldContain("submitted");
        var grading = (await scenario.Psw.GetOkAsync($"/api/audits/{auditId}")).Arr("gradings").Single(g => g.Str("grader") == DemoUsers.YoungAssessor)!;
        grading.Arr("grades").ShouldAllBe(g => g.Str("grade") == "Good");
    }
}
