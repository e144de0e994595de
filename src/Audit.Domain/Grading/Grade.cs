namespace Audit.Domain.Grading;

/// <summary>Ofsted's four-point scale. The numeric value is the grade's points: higher is better.</summary>
public enum Grade
{
    Inadequate = 1,
    RequiresImprovement = 2,
    Good = 3,
    Outstanding = 4,
}
