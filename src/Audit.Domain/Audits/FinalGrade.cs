using Audit.Domain.Grading;
using Audit.Domain.Teams;

namespace Audit.Domain.Audits;

/// <summary>
/// The grade that counts for a criterion once grading and any moderation are over. Carries the template and
/// service area, team and the moment it became final, so that the dashboard can aggregate it by period from one
/// indexed table.
/// </summary>
public sealed class FinalGrade
{
    private FinalGrade()
    {
    }

    internal FinalGrade(Guid auditId, Guid templateId, ServiceArea serviceArea, Guid teamId, Guid criterionId, Grade grade, bool moderated, DateTimeOffset finalisedAt)
    {
        AuditId = auditId;
        TemplateId = templateId;
        ServiceArea = serviceArea;
        TeamId = teamId;
        CriterionId = criterionId;
        Grade = grade;
        Moderated = moderated;
        FinalisedAt = finalisedAt;
    }

    public Guid AuditId { get; private set; }
    public Guid TemplateId { get; private set; }
    public ServiceArea ServiceArea { get; private set; }
    public Guid TeamId { get; private set; }
    public Guid CriterionId { get; private set; }
    public Grade Grade { get; private set; }
    public bool Moderated { get; private set; }

    /// <summary>When the grade became final: the audit counts in the period holding this moment.</summary>
    public DateTimeOffset FinalisedAt { get; private set; }
}
