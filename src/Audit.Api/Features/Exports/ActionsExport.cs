using Audit.Api.Features.Actions;
using Audit.Api.Pages.Audits;
using Audit.Domain.Actions;

namespace Audit.Api.Features.Exports;

/// <summary>
/// The follow-up actions (<c>actions</c>): one row per action the caller may see, in the list's order, streamed from
/// the query by <see cref="StreamActions"/> (the same filters and scoping as <c>GET /api/actions</c>, unpaged).
/// </summary>
internal static class ActionsExport
{
    public static readonly IReadOnlyList<ExportColumn<ActionDto>> Columns =
    [
        new("Principle", r => r.Criterion),
        new("Grade found", r => AuditWords.Of(r.FinalGrade)),
        new("Team", r => r.TeamName),
        new("Assigned to", r => r.Assignee),
        new("Due on", r => ExportFiles.Date(r.DueOn)),
        new("Status", r => r.Status.ToString()),
        new("Overdue", r => ExportFiles.YesNo(r.Overdue)),
        new("Raised on", r => ExportFiles.Date(r.RaisedAt)),
        new("What changed for the child", r => r.WhatChanged),
        new("Closed on", r => ExportFiles.Date(r.ClosedAt)),
        new("Closed by", r => r.ClosedBy),
    ];

    public static string FileName(bool mine, ActionStatus? status, DateOnly today) =>
        ExportNames.Of("actions", mine ? "mine" : null, status is { } s ? ExportNames.Kebab(s.ToString()) : null, "on-" + ExportFiles.Date(today));
}
