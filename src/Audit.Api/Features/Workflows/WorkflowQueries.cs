using System.Text.Json.Nodes;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Workflows.Definitions;
using Audit.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Workflows;

/// <param name="PublishedAt">When this service first published the version (from its file at start-up, or by a PSW).</param>
public sealed record WorkflowVersionSummary(string Name, int Version, string Title, string ContentHash, bool Latest, DateTimeOffset? PublishedAt = null);

/// <param name="Svg">The state diagram as an accessible SVG picture.</param>
/// <param name="Mermaid">The same diagram as Mermaid text.</param>
public sealed record WorkflowVersionDetail(
    string Name,
    int Version,
    string Title,
    string? Description,
    string ContentHash,
    bool Latest,
    DateTimeOffset? PublishedAt,
    JsonNode? Definition,
    string Mermaid,
    string Svg,
    IReadOnlyList<WorkflowStateText> States,
    IReadOnlyList<WorkflowTransitionText> Transitions);

/// <summary>A state written out: what it runs on entry and its timers, each in the definition's own words.</summary>
public sealed record WorkflowStateText(string Name, string? Description, bool Initial, bool Final, IReadOnlyList<string> OnEntry, IReadOnlyList<WorkflowTimerText> Timers);

/// <param name="When">The timer's moment in words, such as "5 days before the round is due".</param>
public sealed record WorkflowTimerText(string Name, string When, IReadOnlyList<string> Do);

/// <param name="Guards">The guards in words, "otherwise" for a fallback, empty when always taken.</param>
/// <param name="Roles">Who may fire the trigger.</param>
public sealed record WorkflowTransitionText(string From, string Trigger, string To, string Guards, IReadOnlyList<string> Roles);

/// <summary>Every version of every workflow this service runs, by name, oldest version first.</summary>
public sealed record ListWorkflows : IRequest<Paged<WorkflowVersionSummary>>;

/// <summary>One version of a workflow with its diagram.</summary>
public sealed record GetWorkflowVersion(string Name, int Version) : IRequest<WorkflowVersionDetail>;

internal sealed class WorkflowQueries(AuditDbContext db, WorkflowRegistryHolder holder)
    : IRequestHandler<ListWorkflows, Paged<WorkflowVersionSummary>>, IRequestHandler<GetWorkflowVersion, WorkflowVersionDetail>
{
    public async ValueTask<Paged<WorkflowVersionSummary>> Handle(ListWorkflows request, CancellationToken cancellationToken)
    {
        // The council's own: the files' versions and those its PSW published.
        var registry = new WorkflowRegistry(await holder.VisibleAsync(db, cancellationToken));
        var published = await db.PublishedWorkflows.AsNoTracking()
            .Select(w => new { w.Name, w.Version, w.PublishedAt })
            .ToListAsync(cancellationToken);
        var list = registry.All
            .Select(d => new WorkflowVersionSummary(
                d.Name,
                d.Version,
                d.Title,
                d.ContentHash,
                registry.Latest(d.Name)?.Version == d.Version,
                published.FirstOrDefault(p => p.Name == d.Name && p.Version == d.Version)?.PublishedAt))
            .ToList();
        return PagedExtensions.AllOf<WorkflowVersionSummary>(list);
    }

    public async ValueTask<WorkflowVersionDetail> Handle(GetWorkflowVersion request, CancellationToken cancellationToken)
    {
        var definition = holder.FindOrLoad(db, request.Name, request.Version)
            ?? throw new NotFoundException("Workflow", $"{request.Name} version {request.Version}");
        var latest = await holder.LatestAsync(db, request.Name, cancellationToken);
        var publishedAt = await db.PublishedWorkflows
            .Where(w => w.Name == request.Name && w.Version == request.Version)
            .Select(w => (DateTimeOffset?)w.PublishedAt)
            .SingleOrDefaultAsync(cancellationToken);
        return new WorkflowVersionDetail(
            definition.Name,
            definition.Version,
            definition.Title,
            definition.Description,
            definition.ContentHash,
            latest?.Version == definition.Version,
            publishedAt,
            JsonNode.Parse(definition.CanonicalJson),
            MermaidDiagram.Render(definition),
            SvgDiagram.Render(definition),
            [.. definition.States.Select(st => new WorkflowStateText(
                st.Name,
                st.Description,
                st.Name == definition.InitialState,
                st.Final,
                [.. st.OnEntry.Select(a => a.ToString())],
                [.. st.Timers.Select(t => new WorkflowTimerText(t.Name, TimerDue.Describe(t), [.. t.Do.Select(a => a.ToString())]))]))],
            [.. definition.Transitions.Select(t => new WorkflowTransitionText(
                t.From,
                t.Trigger,
                t.To,
                WorkflowRuntime.GuardLabel(definition, t),
                definition.Trigger(t.Trigger)?.Roles ?? []))]);
    }
}
