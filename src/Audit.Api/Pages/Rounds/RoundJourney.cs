using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Audit.Api.Features.Rounds;
using Audit.Domain.Teams;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Audit.Api.Pages.Rounds;

/// <summary>The question pages of planning a round, in order. Hand-picked case files add <see cref="CaseFiles"/>.</summary>
public enum RoundStep
{
    Start,
    Scope,
    How,
    CaseFiles,
    Graders,
    DueDate,
    Preview,
}

/// <summary>
/// The answers given so far while planning a round, kept as typed (numbers and the date as text) so that a mistake
/// can be shown back. <see cref="ToRequest"/> makes the <see cref="PlanRound"/> they add up to.
/// </summary>
public sealed class RoundAnswers
{
    public const string Sample = "sample";
    public const string Pick = "pick";

    public string? Name { get; set; }

    public Guid? TemplateId { get; set; }

    public List<ServiceArea> ServiceAreas { get; set; } = [];

    public List<Guid> Teams { get; set; } = [];

    /// <summary><see cref="Sample"/> or <see cref="Pick"/>; null until answered.</summary>
    public string? How { get; set; }

    public string? PerTeam { get; set; }

    public string? Months { get; set; }

    public List<Guid> CaseFileIds { get; set; } = [];

    public List<string> Auditors { get; set; } = [];

    public List<string> YoungAssessors { get; set; } = [];

    /// <summary>The share of audits a second auditor grades blind, as typed (blank for none).</summary>
    public string? SecondMarkingPercent { get; set; }

    public DateParts? DueOn { get; set; }

    /// <summary>The seed the preview drew its sample with; opening the round draws with the same one.</summary>
    public int? Seed { get; set; }

    public bool HandPicked => How == Pick;

    public bool IsEmpty => Name is null && TemplateId is null;

    public PlanRound ToRequest(int? seed) => new(
        Name,
        TemplateId,
        DueOn?.ToDate(),
        How == Pick ? CaseFileIds : null,
        How == Sample ? new SampleInput(WholeNumber(PerTeam), ServiceAreas, Teams, WholeNumber(Months), seed) : null,
        Auditor: null,
        YoungAssessor: null,
        Auditors,
        YoungAssessors.Count == 0 ? null : YoungAssessors,
        Workflow: null,
        SecondMarking(SecondMarkingPercent));

    /// <summary>Blank is none asked for; anything typed that is not a whole number is sent as -1, which the request's rule refuses.</summary>
    public static int? SecondMarking(string? typed) =>
        string.IsNullOrWhiteSpace(typed) ? null : WholeNumber(typed.Trim().TrimEnd('%')) ?? -1;

    public static int? WholeNumber(string? typed) =>
        int.TryParse(typed?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}

/// <summary>
/// A question page of planning a round. The answers live in TempData between the pages (no script needed); each page
/// saves its own answers, then sends the preview request and shows the errors that belong to its own fields, so the
/// rules stay in the request's validator and the round opener.
/// </summary>
public abstract partial class RoundStepModel(ISender sender) : PageModel
{
    private const string Key = "RoundAnswers";
    private const string Elsewhere = "\u0001elsewhere";

    protected ISender Sender => sender;

    public RoundAnswers Answers { get; private set; } = new();

    /// <summary>Set when the page was opened from the preview's "Change" link: saving goes back to the preview.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Change { get; set; }

    public string BackHref => Change ? RoundPaths.Preview : RoundPaths.Of(Previous);

    protected abstract RoundStep ThisStep { get; }

    private RoundStep Previous => ThisStep switch
    {
        RoundStep.Scope => RoundStep.Start,
        RoundStep.How => RoundStep.Scope,
        RoundStep.CaseFiles => RoundStep.How,
        RoundStep.Graders => Answers.HandPicked ? RoundStep.CaseFiles : RoundStep.How,
        RoundStep.DueDate => RoundStep.Graders,
        RoundStep.Preview => RoundStep.DueDate,
        _ => RoundStep.Start,
    };

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        Answers = Read(TempData);
        base.OnPageHandlerExecuting(context);
    }

    public static RoundAnswers Read(ITempDataDictionary tempData) =>
        tempData.Peek(Key) is string json ? JsonSerializer.Deserialize<RoundAnswers>(json) ?? new RoundAnswers() : new RoundAnswers();

    protected void Save() => TempData[Key] = JsonSerializer.Serialize(Answers);

    protected void Forget()
    {
        TempData.Remove(Key);
        Answers = new RoundAnswers();
    }

    /// <summary>
    /// Saves the answers, checks them with the preview request and, when this page's fields are in order, goes on to
    /// the next page (back to the preview after a change). Null: this page's fields have errors, now in ModelState.
    /// </summary>
    protected async Task<IActionResult?> SaveAndGoOnAsync(CancellationToken ct)
    {
        Save();
        var own = ModelState.ErrorCount;
        await this.TrySendAsync(Sender, PreviewRound.Of(Answers.ToRequest(Answers.Seed)), ct, path =>
        {
            var (step, field) = Place(path, Answers);
            return step == ThisStep ? field : Elsewhere;
        });
        ModelState.Remove(Elsewhere);
        ModelState.Remove("");
        return ModelState.ErrorCount > 0 || own > 0 ? null : Redirect(Next());
    }

    private string Next()
    {
        if (Change && !(ThisStep == RoundStep.How && Answers.HandPicked))
        {
            return RoundPaths.Preview;
        }

        var next = ThisStep switch
        {
            RoundStep.Start => RoundStep.Scope,
            RoundStep.Scope => RoundStep.How,
            RoundStep.How => Answers.HandPicked ? RoundStep.CaseFiles : RoundStep.Graders,
            RoundStep.CaseFiles => RoundStep.Graders,
            RoundStep.Graders => RoundStep.DueDate,
            _ => RoundStep.Preview,
        };
        return RoundPaths.Of(next) + (Change ? "?change=true" : "");
    }

    /// <summary>The page and field a property of the round request (or a rule's field) is answered on.</summary>
    public static (RoundStep Step, string Field) Place(string path, RoundAnswers answers)
    {
        var property = Index().Replace(path, "").ToUpperInvariant();
        return property switch
        {
            "NAME" => (RoundStep.Start, RoundFields.Name),
            "TEMPLATEID" => (RoundStep.Start, RoundFields.TemplateId),
            "SAMPLE.SERVICEAREAS" => (RoundStep.Scope, RoundFields.ServiceAreas),
            "SAMPLE.TEAMS" => (RoundStep.Scope, RoundFields.Teams),
            "SAMPLE.PERTEAM" => (RoundStep.How, RoundFields.PerTeam),
            "SAMPLE.EXCLUDEAUDITEDWITHINMONTHS" or "SAMPLE" => (RoundStep.How, RoundFields.Months),
            "CASEFILEIDS" when answers.HandPicked => (RoundStep.CaseFiles, RoundFields.CaseFileIds),
            "CASEFILEIDS" => (RoundStep.How, RoundFields.How),
            "DUEON" => (RoundStep.DueDate, RoundFields.DueOn),
            "SECONDMARKINGPERCENT" => (RoundStep.Graders, RoundFields.SecondMarkingPercent),
            _ when property.StartsWith("AUDITOR", StringComparison.Ordinal) => (RoundStep.Graders, RoundFields.Auditors),
            _ when property.StartsWith("YOUNGASSESSOR", StringComparison.Ordinal) => (RoundStep.Graders, RoundFields.YoungAssessors),
            _ => (RoundStep.Preview, ""),
        };
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}

/// <summary>The form fields of the question pages, named as the answers are.</summary>
public static class RoundFields
{
    public const string Name = nameof(RoundAnswers.Name);
    public const string TemplateId = nameof(RoundAnswers.TemplateId);
    public const string ServiceAreas = nameof(RoundAnswers.ServiceAreas);
    public const string Teams = nameof(RoundAnswers.Teams);
    public const string How = nameof(RoundAnswers.How);
    public const string PerTeam = nameof(RoundAnswers.PerTeam);
    public const string Months = nameof(RoundAnswers.Months);
    public const string CaseFileIds = nameof(RoundAnswers.CaseFileIds);
    public const string Auditors = nameof(RoundAnswers.Auditors);
    public const string YoungAssessors = nameof(RoundAnswers.YoungAssessors);
    public const string SecondMarkingPercent = nameof(RoundAnswers.SecondMarkingPercent);
    public const string DueOn = nameof(RoundAnswers.DueOn);
}

public static class RoundPaths
{
    public const string List = "/rounds";
    public const string New = "/rounds/new";
    public const string Preview = "/rounds/new/preview";

    public static string Of(Guid id) => $"/rounds/{id}";

    public static string Of(RoundStep step) => step switch
    {
        RoundStep.Start => New,
        RoundStep.Scope => "/rounds/new/scope",
        RoundStep.How => "/rounds/new/how",
        RoundStep.CaseFiles => "/rounds/new/case-files",
        RoundStep.Graders => "/rounds/new/graders",
        RoundStep.DueDate => "/rounds/new/due-date",
        _ => Preview,
    };

    /// <summary>The link from the preview to the question a field is on, opened to change it.</summary>
    public static string Change(RoundStep step, string field = "") =>
        Of(step) + "?change=true" + (field.Length == 0 ? "" : "#" + FieldIds.For(field));
}
