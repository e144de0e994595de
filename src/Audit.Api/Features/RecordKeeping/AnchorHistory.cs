using Audit.Api.Persistence;
using Audit.Api.Tenancy;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.RecordKeeping;

/// <summary>Writes a signed anchor of every audit's history head to the anchor folder now.</summary>
public sealed record AnchorHistory : IRequest<AnchorWritten>;

public sealed record AnchorWritten(string File, int Audits, string Digest, DateTimeOffset At);

internal sealed partial class AnchorHistoryHandler(AuditDbContext db, RecordKeepingPaths paths, TimeProvider clock, ILogger<AnchorHistoryHandler> logger)
    : IRequestHandler<AnchorHistory, AnchorWritten>
{
    public async ValueTask<AnchorWritten> Handle(AnchorHistory request, CancellationToken cancellationToken)
    {
        // One anchor for the deployment: every council's audits.
        var heads = await AnchoredHead.Of(db.Audits.AsNoTracking().InEveryCouncil()).ToListAsync(cancellationToken);
        using var key = AnchorSigningKey.LoadOrCreate(paths.AnchorKeyFile);
        var anchor = HistoryAnchor.Sign(clock.GetUtcNow(), heads, key);
        await anchor.WriteToAsync(paths.AnchorFolder, cancellationToken);

        // The digest goes to the log as well, so that a log sink kept elsewhere holds a second copy.
        Written(logger, anchor.Digest, heads.Count, anchor.FileName);
        return new AnchorWritten(Path.Combine(paths.AnchorFolder, anchor.FileName), heads.Count, anchor.Digest, anchor.WrittenAt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "History anchor {Digest} written over {Audits} audits to {File}")]
    private static partial void Written(ILogger logger, string digest, int audits, string file);
}
