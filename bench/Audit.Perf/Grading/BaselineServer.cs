using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Audit.Domain.Grading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Audit.Perf.Grading;

public sealed record BaselineGradeInput(Guid? CriterionId, Grade? Grade, string? Evidence);

public sealed record BaselineGradingBody(IReadOnlyList<BaselineGradeInput>? Grades, Grade? Overall);

/// <summary>
/// The floor a grading is measured against: a lean minimal endpoint, not the product, doing a grading's essential
/// work with Microsoft.Data.Sqlite on the product's own schema and file. It reads the audit (its state, version,
/// history head, whether the grader is assigned and has graded) and the template's criteria in one round trip, checks
/// the body as the product would, then in one transaction updates the audit's state and version (refused if the
/// version moved), inserts the grading, its grades and one hash-chained history line. One connection per request
/// from the pool; WAL with synchronous=NORMAL and the busy timeout set on each open, as the product's SqlitePragmas
/// does; one writer at a time inside the process, as the product's WriterGate does.
/// It covers the benchmark's case only (a grader of two grades first, so the audit stays in Grading): anything else
/// is answered 501, never faked.
/// </summary>
public static class BaselineServer
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";
    private const int MaxEvidenceLength = 4000;
    private const string GradingState = "Grading";

    private const string ReadSql = """
        SELECT a.State, a.Version, a.HistoryHead,
               (SELECT COALESCE(MAX(h.Sequence), 0) FROM AuditHistory h WHERE h.AuditId = a.Id),
               EXISTS (SELECT 1 FROM AuditAssignments s WHERE s.AuditId = a.Id AND s.UserName = $grader AND s.Role = $role),
               EXISTS (SELECT 1 FROM Gradings g WHERE g.AuditId = a.Id AND g.Grader = $grader AND g.Role = $role),
               (SELECT COUNT(*) FROM AuditAssignments s WHERE s.AuditId = a.Id AND s.Role <> $blind
                    AND NOT (s.UserName = $grader AND s.Role = $role)
                    AND NOT EXISTS (SELECT 1 FROM Gradings g WHERE g.AuditId = a.Id AND g.Grader = s.UserName AND g.Role = s.Role))
        FROM Audits a WHERE a.Id = $id;
        SELECT c.Id FROM Criteria c WHERE c.TemplateId = (SELECT a.TemplateId FROM Audits a WHERE a.Id = $id);
        """;

    private const string UpdateSql = "UPDATE Audits SET State = $state, Version = Version + 1, HistoryHead = $head WHERE Id = $id AND Version = $version;";

    /// <summary>Runs the endpoint on <paramref name="databaseFile"/> until the process is stopped.</summary>
    public static async Task<int> RunAsync(string databaseFile, int port, string grader, CancellationToken ct)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(databaseFile), Pooling = true }.ToString();
        await CheckSchemaAsync(connectionString, ct);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        await using var app = builder.Build();
        var gate = new SemaphoreSlim(1, 1);

        app.MapGet("/health/ready", () => Results.Ok());
        app.MapPost("/api/audits/{id:guid}/gradings", async (Guid id, BaselineGradingBody body, HttpRequest http, CancellationToken token) =>
        {
            if (!http.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return Results.Unauthorized();
            }

            return Validate(body) is { } problem
                ? Results.ValidationProblem(problem)
                : await GradeAsync(connectionString, gate, id, grader, body, token);
        });

        await app.StartAsync(ct);
        await app.WaitForShutdownAsync(ct);
        return 0;
    }

    private static Dictionary<string, string[]>? Validate(BaselineGradingBody body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Grades is not { Count: > 0 } grades)
        {
            errors["grades"] = ["Grade every criterion."];
            grades = [];
        }

        for (var i = 0; i < grades.Count; i++)
        {
            var g = grades[i];
            if (g.CriterionId is null)
            {
                errors[$"grades[{i}].criterionId"] = ["Say which criterion."];
            }

            if (g.Grade is not { } grade || !Enum.IsDefined(grade))
            {
                errors[$"grades[{i}].grade"] = ["Choose a grade."];
            }

            if (string.IsNullOrWhiteSpace(g.Evidence) || g.Evidence.Length > MaxEvidenceLength)
            {
                errors[$"grades[{i}].evidence"] = ["Say what in the record shows this grade."];
            }
        }

        if (body.Overall is not { } overall || !Enum.IsDefined(overall))
        {
            errors["overall"] = ["Choose an overall grade."];
        }

        return errors.Count == 0 ? null : errors;
    }

    private static async Task<IResult> GradeAsync(string connectionString, SemaphoreSlim gate, Guid id, string grader, BaselineGradingBody body, CancellationToken ct)
    {
        var auditKey = Key(id);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = Pragmas;
            await pragmas.ExecuteNonQueryAsync(ct);
        }

        string state, head;
        int version, sequence, pending;
        bool assigned, graded;
        var criteria = new HashSet<Guid>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = ReadSql;
            read.Parameters.AddWithValue("$id", auditKey);
            read.Parameters.AddWithValue("$grader", grader);
            read.Parameters.AddWithValue("$role", (int)GraderRole.Auditor);
            read.Parameters.AddWithValue("$blind", (int)GraderRole.SecondAuditor);
            await using var reader = await read.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return Results.NotFound();
            }

            (state, version, head, sequence) = (reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3));
            (assigned, graded, pending) = (reader.GetBoolean(4), reader.GetBoolean(5), reader.GetInt32(6));
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                criteria.Add(Guid.Parse(reader.GetString(0)));
            }
        }

        if (!assigned)
        {
            return Results.Problem($"{grader} is not assigned to grade this audit as Auditor.", statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        if (graded)
        {
            return Results.Problem("You have already submitted your grading for this audit.", statusCode: StatusCodes.Status409Conflict);
        }

        if (state != GradingState)
        {
            return Results.Problem($"The audit is {state}: a grading is not taken now.", statusCode: StatusCodes.Status409Conflict);
        }

        if (pending == 0)
        {
            // The last grading moves the audit on (moderation, final grades, actions): more than the floor measures.
            return Results.Problem("The baseline covers a first grading only.", statusCode: StatusCodes.Status501NotImplemented);
        }

        var grades = body.Grades!;
        if (grades.Count != criteria.Count || grades.Select(g => g.CriterionId!.Value).Distinct().Count() != grades.Count || !grades.All(g => criteria.Contains(g.CriterionId!.Value)))
        {
            return Results.Problem("Grade each of the template's criteria once.", statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var now = DateTimeOffset.UtcNow;
        var gradingKey = Key(Guid.CreateVersion7());
        const string detail = "Grading submitted as Auditor.";
        const string trigger = "submitGrading";
        var hash = HistoryHash(id, sequence + 1, now, grader, trigger, state, GradingState, detail, head);

        await using var write = connection.CreateCommand();
        write.CommandText = WriteSql(grades.Count);
        write.Parameters.AddWithValue("$id", auditKey);
        write.Parameters.AddWithValue("$grading", gradingKey);
        write.Parameters.AddWithValue("$grader", grader);
        write.Parameters.AddWithValue("$role", (int)GraderRole.Auditor);
        write.Parameters.AddWithValue("$overall", (int)body.Overall!.Value);
        write.Parameters.AddWithValue("$at", now.UtcTicks);
        write.Parameters.AddWithValue("$sequence", sequence + 1);
        write.Parameters.AddWithValue("$trigger", trigger);
        write.Parameters.AddWithValue("$from", state);
        write.Parameters.AddWithValue("$to", GradingState);
        write.Parameters.AddWithValue("$detail", detail);
        write.Parameters.AddWithValue("$previous", head);
        write.Parameters.AddWithValue("$hash", hash);
        for (var i = 0; i < grades.Count; i++)
        {
            write.Parameters.AddWithValue($"$c{i}", Key(grades[i].CriterionId!.Value));
            write.Parameters.AddWithValue($"$g{i}", (int)grades[i].Grade!.Value);
            write.Parameters.AddWithValue($"$e{i}", grades[i].Evidence!.Trim());
        }

        await using var update = connection.CreateCommand();
        update.CommandText = UpdateSql;
        update.Parameters.AddWithValue("$id", auditKey);
        update.Parameters.AddWithValue("$state", GradingState);
        update.Parameters.AddWithValue("$head", hash);
        update.Parameters.AddWithValue("$version", version);

        await gate.WaitAsync(ct);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            update.Transaction = transaction;
            write.Transaction = transaction;
            if (await update.ExecuteNonQueryAsync(ct) != 1)
            {
                await transaction.RollbackAsync(ct);
                return Results.Problem("Someone else changed this audit; reload it.", statusCode: StatusCodes.Status409Conflict);
            }

            await write.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            gate.Release();
        }

        return Results.Ok(new { id, state = GradingState, version = version + 1 });
    }

    private static string WriteSql(int grades)
    {
        var sql = new StringBuilder()
            .Append("INSERT INTO Gradings (Id, AuditId, Grader, Role, Overall, SubmittedAt) VALUES ($grading, $id, $grader, $role, $overall, $at);")
            .Append("INSERT INTO CriterionGrades (GradingId, CriterionId, Grade, Evidence) VALUES ");
        for (var i = 0; i < grades; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ",")}($grading, $c{i}, $g{i}, $e{i})");
        }

        return sql
            .Append(';')
            .Append("INSERT INTO AuditHistory (AuditId, Sequence, At, By, Trigger, FromState, ToState, Detail, PreviousHash, Hash) ")
            .Append("VALUES ($id, $sequence, $at, $grader, $trigger, $from, $to, $detail, $previous, $hash);")
            .ToString();
    }

    /// <summary>The product stores a Guid as its upper-case text (EF Core's SQLite default).</summary>
    private static string Key(Guid id) => id.ToString("D").ToUpperInvariant();

    /// <summary>The product's history line hash (HistoryEntry.ComputeHash), so that the baseline's lines chain as the product's do.</summary>
    private static string HistoryHash(Guid auditId, int sequence, DateTimeOffset at, string by, string trigger, string from, string to, string detail, string previousHash)
    {
        var content = string.Join(
            '\u001f',
            auditId.ToString("D"),
            sequence.ToString(CultureInfo.InvariantCulture),
            at.UtcTicks.ToString(CultureInfo.InvariantCulture),
            by,
            trigger,
            from,
            to,
            detail,
            previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    /// <summary>Fails at start, loudly, when the product's schema no longer has what the baseline reads and writes.</summary>
    private static async Task CheckSchemaAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            SELECT State, Version, HistoryHead, TemplateId FROM Audits LIMIT 0;
            SELECT AuditId, UserName, Role FROM AuditAssignments LIMIT 0;
            SELECT Id FROM Criteria WHERE TemplateId = '' LIMIT 0;
            SELECT Id, AuditId, Grader, Role, Overall, SubmittedAt FROM Gradings LIMIT 0;
            SELECT GradingId, CriterionId, Grade, Evidence FROM CriterionGrades LIMIT 0;
            SELECT AuditId, Sequence, At, By, Trigger, FromState, ToState, Detail, PreviousHash, Hash FROM AuditHistory LIMIT 0;
            SELECT typeof(Id) FROM Audits LIMIT 1;
            """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        do
        {
            while (await reader.ReadAsync(ct))
            {
                var value = reader.GetString(0);
                if (value is not ("wal" or "text"))
                {
                    throw new InvalidOperationException($"The baseline expects WAL and Guids stored as text; the file says '{value}'. Bring BaselineServer up to date with the schema.");
                }
            }
        }
        while (await reader.NextResultAsync(ct));
    }
}
