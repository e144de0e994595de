using System.Text.Json;
using Audit.Api.Infrastructure;
using Audit.Domain.Grading;
using Audit.Domain.Templates;
using Audit.Workflows.Definitions;
using Audit.Workflows.Simulation;
using FluentValidation;
using Mediator;

namespace Audit.Api.Features.Workflows;

/// <summary>
/// Try a draft definition before publishing it: the path one imagined audit would take through it, and what each step
/// would raise and when. Checked exactly as publishing checks it; nothing is saved.
/// </summary>
/// <param name="Definition">The draft definition's JSON text.</param>
public sealed record TryWorkflow(string? Definition, TryScenario? Scenario) : IRequest<SimulationResult>;

/// <param name="Gradings">Each grader's grading in the order they submit: the auditor's and, if the template asks, the young assessor's.</param>
/// <param name="Moderation">The moderator's grades if the audit waits for moderation; none confirms the graders' grades.</param>
/// <param name="CloseActions">How many follow-up actions the team manager closes, one at a time; null closes them all.</param>
/// <param name="CancelIn">The state in which the PSW cancels the audit; null never cancels.</param>
/// <param name="Target">The template's target grade; Good when not given.</param>
/// <param name="RoundDueInDays">Days from the start to the round's due date; 28 when not given.</param>
public sealed record TryScenario(
    IReadOnlyList<TryGrading>? Gradings,
    TryModeration? Moderation = null,
    int? CloseActions = null,
    string? CancelIn = null,
    Grade? Target = null,
    int? RoundDueInDays = null);

/// <param name="Grades">A grade for every criterion, by criterion position (0 for the first).</param>
public sealed record TryGrading(GraderRole? Role, IReadOnlyDictionary<int, Grade>? Grades, Grade? Overall);

/// <param name="Grades">The moderator's grade for each criterion they change, by position.</param>
public sealed record TryModeration(IReadOnlyDictionary<int, Grade>? Grades, Grade? Overall = null);

internal sealed class TryWorkflowValidator : AbstractValidator<TryWorkflow>
{
    public TryWorkflowValidator()
    {
        RuleFor(x => x.Definition).NotEmpty().WithMessage("Enter the workflow definition to try.");
        RuleFor(x => x.Scenario).NotNull().WithMessage("Say what each grader grades.");
        When(x => x.Scenario is not null, () =>
        {
            RuleFor(x => x.Scenario!.Gradings).NotNull().WithMessage("Say what each grader grades.")
                .Must(g => g!.Count <= 2).WithMessage("An audit has at most two graders: the auditor and the young assessor.")
                .Must(g => g!.Where(x => x.Role is not null).DistinctBy(x => x.Role).Count() == g!.Count(x => x.Role is not null))
                .WithMessage("Each grader role grades once.");
            RuleForEach(x => x.Scenario!.Gradings).ChildRules(g =>
            {
                g.RuleFor(x => x.Role).NotNull().WithMessage("Say who grades.").IsInEnum().NotEqual(GraderRole.SecondAuditor).WithMessage("Choose auditor or young assessor.");
                g.RuleFor(x => x.Grades).NotEmpty().WithMessage("Give a grade for every criterion.")
                    .Must(Contiguous).WithMessage($"Give a grade for every criterion, by position from 0, at most {Template.MaxCriteria} of them.");
                g.RuleForEach(x => x.Grades).Must(p => Enum.IsDefined(p.Value)).WithMessage("Choose a grade on the scale.");
                g.RuleFor(x => x.Overall).NotNull().WithMessage("Give an overall grade.").IsInEnum().WithMessage("Choose a grade on the scale.");
            });
            RuleFor(x => x.Scenario!.Gradings)
                .Must(g => g!.Where(x => x.Grades is not null).Select(x => x.Grades!.Count).Distinct().Count() <= 1)
                .When(x => x.Scenario!.Gradings is not null)
                .WithMessage("Every grader grades the same criteria.");
            RuleFor(x => x.Scenario!.Moderation!.Grades)
                .Must((request, grades) => grades is null || grades.Keys.All(k => k >= 0 && k < CriterionCount(request.Scenario!)))
                .When(x => x.Scenario!.Moderation is not null)
                .WithMessage("The moderator can only change the grades of criteria the graders grade.");
            RuleForEach(x => x.Scenario!.Moderation!.Grades).Must(p => Enum.IsDefined(p.Value))
                .When(x => x.Scenario!.Moderation?.Grades is not null).WithMessage("Choose a grade on the scale.");
            RuleFor(x => x.Scenario!.Moderation!.Overall).IsInEnum().When(x => x.Scenario!.Moderation is not null).WithMessage("Choose a grade on the scale.");
            RuleFor(x => x.Scenario!.CloseActions).GreaterThanOrEqualTo(0).WithMessage("The team manager closes 0 or more actions.");
            RuleFor(x => x.Scenario!.Target).IsInEnum().WithMessage("Choose a grade on the scale.");
            RuleFor(x => x.Scenario!.RoundDueInDays).InclusiveBetween(1, 365).WithMessage("The round is due between 1 and 365 days after the start.");
        });
    }

    private static bool Contiguous(IReadOnlyDictionary<int, Grade>? grades) =>
        grades is not null && grades.Count <= Template.MaxCriteria && grades.Keys.Order().SequenceEqual(Enumerable.Range(0, grades.Count));

    private static int CriterionCount(TryScenario scenario) =>
        scenario.Gradings?.Select(g => g.Grades?.Count ?? 0).DefaultIfEmpty(0).Max() ?? 0;
}

internal sealed class TryWorkflowHandler : IRequestHandler<TryWorkflow, SimulationResult>
{
    public const string Source = "draft";

    public ValueTask<SimulationResult> Handle(TryWorkflow request, CancellationToken cancellationToken)
    {
        WorkflowDefinition definition;
        try
        {
            definition = WorkflowLoader.Parse(request.Definition!, Source);
        }
        catch (WorkflowDefinitionException invalid)
        {
            throw new InvalidDefinitionException(invalid.Errors);
        }

        var s = request.Scenario!;
        var scenario = new Scenario(
            [.. s.Gradings!.Select(g => new ScenarioGrading(g.Role!.Value, g.Grades!, g.Overall!.Value))],
            s.Moderation is { } m ? new ScenarioModeration(m.Grades ?? new Dictionary<int, Grade>(), m.Overall) : null,
            s.CloseActions,
            string.IsNullOrWhiteSpace(s.CancelIn) ? null : s.CancelIn.Trim(),
            s.Target ?? Grade.Good,
            s.RoundDueInDays ?? Scenario.DefaultRoundDueInDays);
        return ValueTask.FromResult(WorkflowSimulator.Run(definition, scenario));
    }
}

/// <summary>The body of <c>POST /api/workflows/try</c>: the draft as a JSON object (or as JSON text in a string) and the scenario.</summary>
public sealed record TryWorkflowBody(JsonElement? Definition, TryScenario? Scenario)
{
    public TryWorkflow ToRequest() => new(
        Definition is { } d && d.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText()
            : null,
        Scenario);
}
