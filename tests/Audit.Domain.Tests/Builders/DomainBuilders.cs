using Audit.Domain.Audits;
using Audit.Domain.CaseFiles;
using Audit.Domain.Grading;
using Audit.Domain.Teams;
using Audit.Domain.Templates;

namespace Audit.Domain.Tests.Builders;

/// <summary>Entities with many fields, built with sensible invented defaults.</summary>
public static class A
{
    public static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static Team Team(string manager = "tess.harrow") =>
        new(Guid.NewGuid(), "Early Help North", ServiceArea.EarlyHelp, manager, "sam.rook");

    public static CaseFile CaseFile(Team? team = null) =>
        new(Guid.NewGuid(), "CF-100001", team ?? Team(), Stage.Review, "Alys Penrose", ChildAgeBand.TenToFifteen);

    public static Template Template(int criteria = 3, Grade target = Grade.Good, bool youngAssessor = true) =>
        new(
            Guid.NewGuid(),
            "Voice of the child",
            Enumerable.Range(1, criteria).Select(i => ($"Principle {i}", $"Guidance {i}")),
            new Target(target, 65),
            youngAssessor ? [GraderRole.Auditor, GraderRole.YoungAssessor] : [GraderRole.Auditor],
            "ada.winslow",
            Now);

    public static CaseFileAudit Audit(Template template, CaseFile? caseFile = null) =>
        CaseFileAudit.Start(
            Guid.NewGuid(),
            Guid.NewGuid(),
            template,
            caseFile ?? CaseFile(),
            new WorkflowPin("case-file-audit", 1, new string('a', 64)),
            "Grading",
            template.Requires(GraderRole.YoungAssessor)
                ? [new Assignment("ivan.quill", GraderRole.Auditor), new Assignment("jay.assessor", GraderRole.YoungAssessor)]
                : [new Assignment("ivan.quill", GraderRole.Auditor)],
            "ada.winslow",
            Now);

    /// <summary>A grade for every criterion of the template: <paramref name="grade"/>, except where <paramref name="except"/> says.</summary>
    public static IReadOnlyList<GradeEntry> Grades(Template template, Grade grade, params (int Index, Grade Grade)[] except) =>
        template.Criteria
            .Select((c, i) => new GradeEntry(c.Id, except.Where(e => e.Index == i).Select(e => e.Grade).DefaultIfEmpty(grade).First(), $"Evidence {i + 1}"))
            .ToList();
}
