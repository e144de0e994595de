using System.Runtime.CompilerServices;
using Audit.Api.Features.Reports;
using Audit.Api.Pages.Audits;
using Mediator;

namespace Audit.Api.Features.Exports;

/// <summary>
/// "You said, we did" (<c>you-said-we-did</c>): one row per closed action, in the report's order, with exactly the
/// fields of <c>GET /api/reports/you-said-we-did</c> (which carries nothing that identifies a child or a worker). The
/// rows are read with that same request, a page of <see cref="GetYouSaidWeDid.MaxTake"/> at a time, and written as each
/// page comes: the first page is read before anything is written, so a bad filter is answered as problem details.
/// </summary>
internal static class YouSaidWeDidExport
{
    public static readonly IReadOnlyList<ExportColumn<YouSaidWeDidItem>> Columns =
    [
        new("Principle", r => r.Principle),
        new("Service area", r => AuditWords.Of(r.ServiceArea)),
        new("Team", r => r.Team),
        new("What the audit found", r => AuditWords.Of(r.Found)),
        new("What changed for the child", r => r.WhatChanged),
        new("Closed on", r => ExportFiles.Date(r.ClosedOn)),
    ];

    public static async Task<IAsyncEnumerable<YouSaidWeDidItem>> RowsAsync(ISender sender, GetYouSaidWeDid first, CancellationToken ct)
    {
        var page = await sender.Send(first with { Skip = 0, Take = GetYouSaidWeDid.MaxTake }, ct);
        return Pages(sender, first, page, ct);
    }

    public static string FileName(ReportPeriod period, Domain.Teams.ServiceArea? area) =>
        ExportNames.Of("you-said-we-did", ExportNames.Area(area), ExportNames.Period(period.From, period.To));

    private static async IAsyncEnumerable<YouSaidWeDidItem> Pages(ISender sender, GetYouSaidWeDid request, Infrastructure.Paged<YouSaidWeDidItem> page, [EnumeratorCancellation] CancellationToken ct)
    {
        var skip = 0;
        while (true)
        {
            foreach (var item in page.Items)
            {
                yield return item;
            }

            skip += page.Items.Count;
            if (page.Items.Count == 0 || skip >= page.Total)
            {
                yield break;
            }

            page = await sender.Send(request with { Skip = skip, Take = GetYouSaidWeDid.MaxTake }, ct);
        }
    }
}
