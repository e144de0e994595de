using System.Diagnostics;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Contract;

/// <summary>What a client generated from /openapi/v1.json by a third-party tool relies on.</summary>
public sealed class OpenApiDocumentTests : IClassFixture<OpenApiDocumentTests.Document>
{
    private readonly ApiContract _contract;

    public OpenApiDocumentTests(Document document) => _contract = document.Contract;

    public sealed class Document : IDisposable
    {
        private readonly AuditApiFactory _factory = new();

        public Document() => Contract = ApiContract.FetchAsync(_factory.CreateClient()).GetAwaiter().GetResult();

        public ApiContract Contract { get; }

        public void Dispose() => _factory.Dispose();
    }

    [Fact]
    public void EveryOperationHasAUniqueOperationIdAndASummaryOfItsOwn()
    {
        var operations = _contract.Operations().ToList();
        operations.Count.ShouldBeGreaterThan(60);
        foreach (var (method, route, operation) in operations)
        {
            operation["operationId"]?.GetValue<string>().ShouldNotBeNullOrWhiteSpace($"{method} {route} has no operationId");
            var summary = operation["summary"]?.GetValue<string>();
            summary.ShouldNotBeNullOrWhiteSpace($"{method} {route} has no summary: give its endpoint .WithSummary(\"...\")");

            // Plain English said by the endpoint, not words made from its route ("Get audits {id} gradings").
            summary!.ShouldNotContain("{", customMessage: $"{method} {route}");
            summary.Equals(RouteWords(method, route), StringComparison.OrdinalIgnoreCase).ShouldBeFalse($"{method} {route}: {summary}");
            char.IsUpper(summary[0]).ShouldBeTrue($"{method} {route}: {summary}");
        }

        operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).ShouldBeUnique();
        _contract.Operation("POST", "/api/audits/{id}/gradings")["operationId"]!.GetValue<string>().ShouldBe("postAuditsByIdGradings");
    }

    [Fact]
    public void NoRequestSchemaMarksAPropertyThatMayBeNullOrLeftOutAsRequired()
    {
        var checkedSchemas = new HashSet<string>();
        foreach (var (method, route, operation) in _contract.Operations())
        {
            if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is JsonObject schema)
            {
                CheckRequired(schema, $"{method} {route}", checkedSchemas);
            }
        }

        checkedSchemas.ShouldContain("PlanRound");
        checkedSchemas.ShouldContain("SubmitGradingBody");
    }

    [Fact]
    public void NumbersAreNumbersAndEnumsAreStrings()
    {
        foreach (var schema in AllSchemas(_contract.Document))
        {
            if (schema["type"] is JsonArray types)
            {
                var names = types.Select(t => t!.GetValue<string>()).ToList();
                (names.Contains("string") && (names.Contains("integer") || names.Contains("number"))).ShouldBeFalse($"a number may be a string: {schema.ToJsonString()}");
            }

            if (schema["enum"] is JsonArray)
            {
                schema["type"].ShouldNotBeNull($"an enum has no type: {schema.ToJsonString()}");
                schema["type"]!.ToJsonString().ShouldContain("string");
            }
        }

        var take = _contract.Operation("GET", "/api/audits")["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "take")!["schema"]!;
        take["format"]!.GetValue<string>().ShouldBe("int32");
        take["type"]!.ToJsonString().ShouldNotContain("string");
    }

    [Fact]
    public void TheDevelopmentSignInAsksForNoTokenAndEverythingElseForABearerToken()
    {
        _contract.Operation("POST", "/api/dev/token")["security"].ShouldBeOfType<JsonArray>().ShouldBeEmpty();
        _contract.Operation("GET", "/api/dev/users")["security"].ShouldBeOfType<JsonArray>().ShouldBeEmpty();
        _contract.Document["security"]!.ToJsonString().ShouldContain("Bearer");
        _contract.Operations().Where(o => !o.Route.StartsWith("/api/dev/", StringComparison.Ordinal))
            .ShouldAllBe(o => o.Operation["security"] == null);
    }

    [Fact]
    public void AYoungAssessorsReviewIsAShapeOfItsOwnWithOnlyWhatTheyMaySee()
    {
        foreach (var (method, route) in new[] { ("GET", "/api/reviews/{id}"), ("POST", "/api/reviews/{id}/gradings") })
        {
            _contract.Operation(method, route)["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>()
                .ShouldBe("#/components/schemas/YoungAssessorReview", route);
        }

        var schemas = _contract.Document["components"]!["schemas"]!;
        (string Schema, string[] Always, string[] Sometimes, string[] Never)[] shapes =
        [
            ("YoungAssessorReview", ["id", "state", "caseFile", "criteria", "target", "finalGrades", "concerns", "permittedTriggers", "createdAt"], ["myGrading", "completedAt"],
                ["assignments", "gradings", "moderation", "actions", "history", "mayEditExtract"]),
            ("ReviewCaseFile", ["id", "serviceArea", "stage", "childAgeBand", "extractCleared"], ["redactedExtract"], ["reference", "teamId", "teamName", "worker", "workerUserName"]),
            ("ReviewCriterion", ["id", "position", "question"], [], ["guidance"]),
            ("ReviewGrading", ["overall", "submittedAt", "grades"], [], ["grader", "role"]),
            ("ReviewConcern", ["id", "description", "raisedAt"], [], ["raisedBy"]),
        ];
        foreach (var (schema, always, sometimes, never) in shapes)
        {
            var properties = schemas[schema]!["properties"]!.AsObject().Select(p => p.Key).ToList();
            properties.ShouldBe(always.Concat(sometimes), ignoreOrder: true, customMessage: schema);
            properties.ShouldNotContain(p => never.Contains(p), schema);
            schemas[schema]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(always, ignoreOrder: true, customMessage: schema);
        }
    }

    [Fact]
    public void TheImportsAndTheWorkflowPublishDeclareTheirBodies()
    {
        foreach (var route in new[] { "/api/case-files/import", "/api/evidence/import" })
        {
            var body = _contract.Operation("POST", route)["requestBody"]!;
            body["content"]!["text/csv"].ShouldNotBeNull(route);
            body["required"]!.GetValue<bool>().ShouldBeTrue(route);
        }

        _contract.Operation("POST", "/api/workflows")["requestBody"]!["content"]!["application/json"].ShouldNotBeNull();
    }

    [Fact]
    public void WritesDocumentTheRefusalsTheyCanMeetAsProblemDetails()
    {
        foreach (var (method, route, operation) in _contract.Operations().Where(o => o.Method != "get"))
        {
            var responses = operation["responses"]!.AsObject();
            responses.ContainsKey("429").ShouldBeTrue($"{method} {route} lacks 429");
            if (operation["requestBody"] is not null)
            {
                responses.ContainsKey("413").ShouldBeTrue($"{method} {route} lacks 413");
            }

            if (operation["requestBody"]?["content"]?["application/json"] is not null && route != "/api/workflows")
            {
                responses.ContainsKey("415").ShouldBeTrue($"{method} {route} lacks 415");
            }

            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                response!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>()
                    .ShouldStartWith("#/components/schemas/", customMessage: $"{method} {route} {status}");
            }
        }

        // A read that takes nothing cannot be wrong or miss what it looks for.
        foreach (var route in new[] { "/api/teams", "/api/notifications/unread-count", "/api/actions/by-team", "/api/workflows" })
        {
            var responses = _contract.Operation("GET", route)["responses"]!.AsObject();
            (responses.ContainsKey("400") || responses.ContainsKey("404")).ShouldBeFalse(route);
            responses.ContainsKey("401").ShouldBeTrue(route);
        }

        // The publish reads its body itself: it judges whatever it is sent (422), and never answers 415.
        _contract.Operation("POST", "/api/workflows")["responses"]!.AsObject().ContainsKey("415").ShouldBeFalse();
        foreach (var route in new[] { "/api/case-files/import", "/api/evidence/import" })
        {
            _contract.Operation("POST", route)["responses"]!.AsObject().ContainsKey("415").ShouldBeFalse(route);
        }

        // Each extension in the schema of the answers that carry it, and each name with one shape only.
        var schemas = _contract.Document["components"]!["schemas"]!;
        foreach (var (schema, extensions) in new[]
        {
            ("ProblemDetails", new[] { "type", "title", "status", "detail", "traceId", "state", "trigger", "permittedTriggers" }),
            ("HttpValidationProblemDetails", ["type", "title", "status", "detail", "traceId", "errors"]),
            ("WorkflowDefinitionProblemDetails", ["type", "title", "status", "detail", "traceId", "errors"]),
            ("ImportProblemDetails", ["type", "title", "status", "detail", "traceId", "faults"]),
        })
        {
            var properties = schemas[schema]!["properties"]!.AsObject();
            extensions.ShouldAllBe(e => properties.ContainsKey(e), schema);
            properties.Select(p => p.Value!).ShouldAllBe(p => p["anyOf"] == null && p["oneOf"] == null, schema);
        }

        schemas["HttpValidationProblemDetails"]!["properties"]!["errors"]!["type"]!.GetValue<string>().ShouldBe("object");
        schemas["WorkflowDefinitionProblemDetails"]!["properties"]!["errors"]!["type"]!.GetValue<string>().ShouldBe("array");
        ProblemSchemaOf("POST", "/api/rounds", "400").ShouldBe("HttpValidationProblemDetails");
        ProblemSchemaOf("POST", "/api/workflows", "422").ShouldBe("WorkflowDefinitionProblemDetails");
        ProblemSchemaOf("POST", "/api/workflows/try", "422").ShouldBe("WorkflowDefinitionProblemDetails");
        ProblemSchemaOf("POST", "/api/case-files/import", "422").ShouldBe("ImportProblemDetails");
        ProblemSchemaOf("POST", "/api/evidence/import", "422").ShouldBe("ImportProblemDetails");
        ProblemSchemaOf("POST", "/api/audits/{id}/gradings", "409").ShouldBe("ProblemDetails");
    }

    [Fact]
    public void OnlyAChangeDocumentsAConflictAndEveryChangeDoes()
    {
        // The signed-in API (the development sign-in, anonymous, documents neither).
        var operations = _contract.Operations().Where(o => o.Operation["responses"]!.AsObject().ContainsKey("401")).ToList();
        foreach (var (method, route, operation) in operations)
        {
            var conflict = operation["responses"]!.AsObject().ContainsKey("409");
            conflict.ShouldBe(method is not ("get" or "head"), $"{method} {route}");
        }

        operations.Count(o => o.Method == "get").ShouldBeGreaterThan(20);
        operations.Count(o => o.Method == "post").ShouldBeGreaterThan(20);
    }

    private string ProblemSchemaOf(string method, string route, string status) =>
        _contract.Operation(method, route)["responses"]![status]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>().Split('/')[^1];

    [Fact]
    public void TheReadmesRequestBodiesMatchTheDocument()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        readme.ShouldContain("\\\"caseFileIds\\\":[\\\"$CASEFILE\\\"],\\\"auditor\\\":\\\"ivan.quill\\\",\\\"youngAssessor\\\":\\\"jay.assessor\\\"}");
        var id = Guid.NewGuid();

        // The README's bodies, with its shell variables filled in.
        _contract.CheckRequest("POST", "/api/dev/token", """{"userName":"ada.winslow"}""");
        _contract.CheckRequest("POST", "/api/rounds", $$"""{"name":"Autumn voice audit","templateId":"{{id}}","dueOn":"2026-12-31","caseFileIds":["{{id}}"],"auditor":"ivan.quill","youngAssessor":"jay.assessor"}""");
        _contract.CheckRequest("POST", "/api/audits/{id}/gradings", $$"""{"grades":[{"criterionId":"{{id}}","grade":"Good","evidence":"Seen in the review record and the child's own words."}],"overall":"Good"}""");
        _contract.CheckRequest("POST", "/api/audits/{id}/moderation", $$"""{"grades":[{"criterionId":"{{id}}","grade":"Good","reason":"..."}]}""");
        _contract.CheckRequest("POST", "/api/actions/{id}/close", """{"whatChanged":"The child now chairs part of their review, as they asked."}""");
    }

    [Fact]
    public async Task RedoclysRecommendedRulesFindNoErrors()
    {
        var root = RepositoryRoot();
        var cli = Path.Combine(root, "tools", "openapi-lint", "node_modules", ".bin", "redocly");
        if (!File.Exists(cli))
        {
            // CI installs it (.ci/run); there its absence is a failure, not a skip.
            Environment.GetEnvironmentVariable("CI").ShouldNotBe("true", $"Redocly CLI is not installed: run 'npm ci' in tools/openapi-lint ({cli}).");
            Assert.Skip("Redocly CLI is not installed here: 'npm ci' in tools/openapi-lint to run the linter.");
        }

        var output = Path.Combine(root, ".ci", "out");
        var file = Path.Combine(Directory.Exists(output) ? output : AuditApiFactory.NewFolder(), "openapi.json");
        await File.WriteAllTextAsync(file, _contract.Text);
        var start = new ProcessStartInfo(cli, ["lint", "--extends=recommended", "--format=stylish", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(root, "tools", "openapi-lint"),
        };
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var lint = Process.Start(start)!;
        var stdout = lint.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = lint.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await lint.WaitForExitAsync(TestContext.Current.CancellationToken);
        lint.ExitCode.ShouldBe(0, $"redocly lint found errors:\n{await stdout}\n{await stderr}");
    }

    private void CheckRequired(JsonObject schema, string where, HashSet<string> seen)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = reference.Split('/')[^1];
            if (seen.Add(name))
            {
                CheckRequired(_contract.Document["components"]!["schemas"]![name]!.AsObject(), $"{where} -> {name}", seen);
            }

            return;
        }

        var properties = schema["properties"] as JsonObject;
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
        {
            var property = properties?[required];
            property.ShouldNotBeNull($"{where} requires {required}, which it does not describe");
            MayBeNull(property).ShouldBeFalse($"{where} requires {required}, which may be null");
        }

        foreach (var child in (properties ?? []).Select(p => p.Value).Append(schema["items"]).OfType<JsonObject>())
        {
            CheckRequired(child, where, seen);
        }
    }

    /// <summary>The words a summary made from the route alone would have: "Get audits id gradings".</summary>
    private static string RouteWords(string method, string route)
    {
        var verb = method.ToUpperInvariant() switch
        {
            "GET" => "Get",
            "POST" => "Send",
            "PUT" => "Replace",
            "DELETE" => "Delete",
            _ => method,
        };
        var words = route.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipWhile(s => s == "api").Select(s => s.Trim('{', '}').Replace('-', ' '));
        return $"{verb} {string.Join(' ', words)}";
    }

    private static bool MayBeNull(JsonNode property) =>
        property["type"]?.ToJsonString().Contains("null", StringComparison.Ordinal) == true
        || (property["oneOf"] ?? property["anyOf"])?.AsArray().Any(s => s!["type"]?.ToJsonString().Contains("null", StringComparison.Ordinal) == true) == true;

    private static IEnumerable<JsonObject> AllSchemas(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.ContainsKey("type") || obj.ContainsKey("enum"))
                {
                    yield return obj;
                }

                foreach (var child in obj.Select(p => p.Value).OfType<JsonNode>().SelectMany(AllSchemas))
                {
                    yield return child;
                }

                break;
            case JsonArray array:
                foreach (var child in array.OfType<JsonNode>().SelectMany(AllSchemas))
                {
                    yield return child;
                }

                break;
        }
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Audit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Could not find the repository root (the folder with Audit.sln).");
    }
}
