using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Domain;
using Audit.Workflows.Definitions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Workflows;

/// <summary>
/// The PSW publishes a new version of a workflow, in the same format as the files and checked exactly as files are
/// at start-up. New audits take the newest version; running audits keep theirs.
/// </summary>
public sealed record PublishWorkflow(string Json) : IRequest<WorkflowVersionSummary>;

internal sealed class PublishWorkflowHandler(AuditDbContext db, WorkflowRegistryHolder holder, TimeProvider clock)
    : IRequestHandler<PublishWorkflow, WorkflowVersionSummary>
{
    public const string Source = "request body";

    public async ValueTask<WorkflowVersionSummary> Handle(PublishWorkflow request, CancellationToken cancellationToken)
    {
        WorkflowDefinition definition;
        try
        {
            definition = WorkflowLoader.Parse(request.Json, Source);
        }
        catch (WorkflowDefinitionException invalid)
        {
            throw new InvalidDefinitionException(invalid.Errors);
        }

        // Version numbers count within the council (the files' versions are every council's): another council's version 2 leaves this one's free.
        var newest = await db.PublishedWorkflows.Where(w => w.Name == definition.Name).MaxAsync(w => (int?)w.Version, cancellationToken);
        newest = Math.Max(newest ?? 0, holder.Files.Latest(definition.Name)?.Version ?? 0) is var highest and > 0 ? highest : null;
        if (newest is { } latest && definition.Version <= latest)
        {
            throw new DomainConflictException(
                $"{definition.Name} version {latest} is already published, and a published version never changes: publish this as version {latest + 1}.");
        }

        var now = clock.GetUtcNow();
        db.PublishedWorkflows.Add(PublishedWorkflow.Of(definition, now));
        await db.SaveChangesAsync(cancellationToken);
        holder.Add(db.CouncilId, definition);
        return new WorkflowVersionSummary(definition.Name, definition.Version, definition.Title, definition.ContentHash, true, now);
    }
}
