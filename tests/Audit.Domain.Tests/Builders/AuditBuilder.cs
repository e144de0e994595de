using Audit.Domain.Audits;
using Audit.Domain.CaseFiles;
using Audit.Domain.Grading;
using Audit.Domain.Templates;

namespace Audit.Domain.Tests.Builders;

/// <summary>
/// An audit started on a template, in the state "Grading", with an auditor and (where the template asks) a young
/// assessor assigned; optionally graded by them.
/// </summary>
public sealed class AuditBuilder
{
    public const string InitialState = "Grading";

    private readonly List<Action<CaseFileAudit, Template>> _afterStart = [];
    private Template _template = new TemplateBuilder().Build();
    private CaseFile? _caseFile;
    private Guid _roundId = Guid.NewGuid();
    private WorkflowPin _workflow = new("case-file-audit", 1, new string('a', 64));
    private IReadOnlyList<Assignment>? _assignments;
    private string _startedBy = People.PrincipalSocialWorker;
    private DateTimeOffset _startedAt = TestData.Now;

    public AuditBuilder For(Template template)
    {
        _template = template;
        return this;
    }

    public AuditBuilder ForCaseFile(CaseFile caseFile)
    {
        _caseFile = caseFile;
        return this;
    }

    public AuditBuilder InRound(Guid roundId)
    {
        _roundId = roundId;
        return this;
    }

    public AuditBuilder OnWorkflow(string name, int version)
    {
        _workflow = new WorkflowPin(name, version, new string('b', 64));
        return this;
    }

    public AuditBuilder AssignedTo(params Assignment[] assignments)
    {
        _assignments = assignments;
        return this;
    }

    public AuditBuilder StartedBy(string by, DateTimeOffset at)
    {
        _startedBy = by;
        _startedAt = at;
        return this;
    }

    public AuditBuilder GradedByTheAuditor(Grade grade, Grade? overall = null, params (int Criterion, Grade Grade)[] except) =>
        GradedBy(People.Auditor, GraderRole.Auditor, grade, overall, except);

    public AuditBuilder GradedByTheYoungAssessor(Grade grade, Grade? overall = null, params (int Criterion, Grade Grade)[] except) =>
        GradedBy(People.YoungAssessor, GraderRole.YoungAssessor, grade, overall, except);

    public CaseFileAudit Build()
    {
        var audit = CaseFileAudit.Start(
            Guid.NewGuid(),
            _roundId,
            _template,
            _caseFile ?? TestData.CaseFile(),
            _workflow,
            InitialState,
            _assignments ?? DefaultAssignments(),
            _startedBy,
            _startedAt);
        foreach (var step in _afterStart)
        {
            step(audit, _template);
        }

        return audit;
    }

    private AuditBuilder GradedBy(string grader, GraderRole role, Grade grade, Grade? overall, (int Criterion, Grade Grade)[] except)
    {
        _afterStart.Add((audit, template) =>
        {
            var grades = GradesBuilder.For(template, grade);
            foreach (var (criterion, other) in except)
            {
                grades.With(criterion, other);
            }

            audit.RecordGrading(template, grader, role, grades.Build(), overall ?? grade, TestData.Now);
        });
        return this;
    }

    private IReadOnlyList<Assignment> DefaultAssignments() =>
        _template.Requires(GraderRole.YoungAssessor)
            ? [new Assignment(People.Auditor, GraderRole.Auditor), new Assignment(People.YoungAssessor, GraderRole.YoungAssessor)]
            : [new Assignment(People.Auditor, GraderRole.Auditor)];
}
