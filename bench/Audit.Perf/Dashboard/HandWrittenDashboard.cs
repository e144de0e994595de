using Microsoft.Data.Sqlite;

namespace Audit.Perf.Dashboard;

/// <summary>The dashboard's figures for a template's lineage, counted by position and service area, overall, and re-audits.</summary>
internal sealed record DashboardFigures(
    IReadOnlyDictionary<(int Position, int Area), (int Good, int Total)> Cells,
    (int Good, int Total) Overall,
    IReadOnlyDictionary<int, (int Files, int Improved)> Reaudits)
{
    /// <summary>Where two answers differ, in words; empty when they agree.</summary>
    public IEnumerable<string> Differences(DashboardFigures other)
    {
        if (Overall != other.Overall)
        {
            yield return $"overall {Overall} against {other.Overall}";
        }

        foreach (var key in Cells.Keys.Union(other.Cells.Keys).Order())
        {
            var (mine, theirs) = (Cells.GetValueOrDefault(key), other.Cells.GetValueOrDefault(key));
            if (mine != theirs)
            {
                yield return $"criterion {key.Position}, area {key.Area}: {mine} against {theirs}";
            }
        }

        foreach (var key in Reaudits.Keys.Union(other.Reaudits.Keys).Order())
        {
            var (mine, theirs) = (Reaudits.GetValueOrDefault(key), other.Reaudits.GetValueOrDefault(key));
            if (mine != theirs)
            {
                yield return $"re-audits, criterion {key}: {mine} against {theirs}";
            }
        }
    }
}

/// <summary>
/// The baseline: the dashboard's figures as a person would write them by hand for SQLite, on one open connection.
/// Each aggregate runs straight off a covering index; criteria are matched to positions after counting, over the
/// few counted rows rather than over every grade; the re-audits start from the few fulfilled requests (a
/// <c>CROSS JOIN</c> keeps SQLite's planner from starting at the template's grades).
/// </summary>
internal sealed class HandWrittenDashboard(SqliteConnection connection)
{
    private const string Versions = """(SELECT "Id" FROM "Templates" WHERE "LineageId" = (SELECT "LineageId" FROM "Templates" WHERE "Id" = $template))""";

    public async Task<DashboardFigures> FiguresAsync(string templateId, int atLeast, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var period = from is null ? "" : """ AND "FinalisedAt" >= $from AND "FinalisedAt" < $to""";
        var cells = new Dictionary<(int, int), (int, int)>();
        await using (var command = Command(
            $"""
            SELECT c."Position", g."ServiceArea", SUM(g."Good"), SUM(g."Total")
            FROM (SELECT "CriterionId", "ServiceArea", SUM("Grade" >= $atLeast) AS "Good", COUNT(*) AS "Total"
                  FROM "FinalGrades" WHERE "TemplateId" IN {Versions}{period}
                  GROUP BY "CriterionId", "ServiceArea") g
            JOIN "Criteria" c ON c."Id" = g."CriterionId"
            GROUP BY c."Position", g."ServiceArea"
            """,
            templateId,
            atLeast,
            from,
            to))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                cells[(reader.GetInt32(0), reader.GetInt32(1))] = (reader.GetInt32(2), reader.GetInt32(3));
            }
        }

        (int, int) overall;
        await using (var command = Command(
            $"""
            SELECT COALESCE(SUM("FinalOverall" >= $atLeast), 0), COUNT(*) FROM "Audits"
            WHERE "TemplateId" IN {Versions} AND "FinalisedAt" IS NOT NULL AND "FinalOverall" IS NOT NULL{period}
            """,
            templateId,
            atLeast,
            from,
            to))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            overall = (reader.GetInt32(0), reader.GetInt32(1));
        }

        var reaudits = new Dictionary<int, (int, int)>();
        await using (var command = Command(
            $"""
            SELECT "Position", COUNT(*), SUM("Improved") FROM (
                SELECT DISTINCT ac."Position", r."FulfilledByAuditId", r."AuditId", a."Grade" > b."Grade" AS "Improved"
                FROM "ReauditRequests" r
                CROSS JOIN "FinalGrades" a ON a."AuditId" = r."FulfilledByAuditId"
                JOIN "Criteria" ac ON ac."Id" = a."CriterionId"
                JOIN "FinalGrades" b ON b."AuditId" = r."AuditId"
                JOIN "Criteria" bc ON bc."Id" = b."CriterionId" AND bc."Position" = ac."Position"
                WHERE r."FulfilledByAuditId" IS NOT NULL AND a."TemplateId" IN {Versions}{period.Replace("\"FinalisedAt\"", "a.\"FinalisedAt\"", StringComparison.Ordinal)})
            GROUP BY "Position"
            """,
            templateId,
            atLeast,
            from,
            to))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                reaudits[reader.GetInt32(0)] = (reader.GetInt32(1), reader.GetInt32(2));
            }
        }

        return new DashboardFigures(cells, overall, reaudits);
    }

    private SqliteCommand Command(string sql, string templateId, int atLeast, DateTimeOffset? from, DateTimeOffset? to)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$template", templateId);
        command.Parameters.AddWithValue("$atLeast", atLeast);
        if (from is { } f && to is { } t)
        {
            command.Parameters.AddWithValue("$from", f.UtcTicks);
            command.Parameters.AddWithValue("$to", t.UtcTicks);
        }

        return command;
    }
}
