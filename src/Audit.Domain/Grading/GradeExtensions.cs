namespace Audit.Domain.Grading;

public static class GradeExtensions
{
    public static int Points(this Grade grade) => (int)grade;

    public static bool IsBelow(this Grade grade, Grade target) => grade.Points() < target.Points();

    public static bool IsAtLeast(this Grade grade, Grade target) => grade.Points() >= target.Points();

    public static int PointsApart(this Grade grade, Grade other) => Math.Abs(grade.Points() - other.Points());

    public static bool IsDefined(this Grade grade) => Enum.IsDefined(grade);
}
