using Audit.Domain.Grading;
using Audit.Domain.Teams;

namespace Audit.Domain.Audits;

/// <summary>
/// The grade that counts for a criterion once grading and any moderation are over. Carries the template and
/// service area so that the dashboard can aggregate it from one indexed table.
/// </summary>
public sealed class FinalGrade
{
    private FinalGrade()
    {
    }

    internal FinalGrade(Guid auditId, Guid templateId, ServiceArea serviceArea, Guid criterionId, Grade grade, bool moderated)
    {
        AuditId = auditId;
        TemplateId = templateId;
        ServiceArea = serviceArea;
        CriterionId = criterionId;
        Grade = grade;
        Moderated = moderated;
    }

    public Guid AuditId { get; private set; }
    public Guid TemplateId { get; private set; }
    public ServiceArea ServiceArea { get; private set; }
    public Guid CriterionId { get; private set; }
    public Grade Grade { get; private set; }
    public bool Moderated { get; private set; }
}
