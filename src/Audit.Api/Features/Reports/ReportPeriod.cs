using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using FluentValidation;

namespace Audit.Api.Features.Reports;

/// <summary>
/// The dates a report covers, <see cref="From"/> up to but not including <see cref="To"/>, cut into calendar months
/// (UTC). Without dates a report covers the twelve months to the end of this month.
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public const int MaxMonths = 36;

    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public DateTimeOffset End => new(To.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static ReportPeriod Of(DateOnly? from, DateOnly? to, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var end = to ?? new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        return new ReportPeriod(from ?? new DateOnly(end.Year, end.Month, 1).AddMonths(-12), end);
    }

    /// <summary>The months the period touches, each with its label (YYYY-MM) and the moment it starts.</summary>
    public IReadOnlyList<(string Label, DateTimeOffset Start)> Months()
    {
        var months = new List<(string, DateTimeOffset)>();
        for (var month = new DateOnly(From.Year, From.Month, 1); month < To && months.Count <= MaxMonths; month = month.AddMonths(1))
        {
            months.Add((Label(month), new DateTimeOffset(month.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        }

        return months;
    }

    public static string Label(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Stands, inside a report's query, for the month (YYYY-MM) <paramref name="at"/> falls in; see <see cref="InMonths"/>.</summary>
    public static string MonthOf(DateTimeOffset? at) => throw new InvalidOperationException($"{nameof(MonthOf)} runs only inside a query passed through {nameof(InMonths)}.");

    /// <summary>
    /// Rewrites each <see cref="MonthOf"/> in <paramref name="projection"/> into a CASE over this period's month starts,
    /// so that the database labels each row with its month and can group by it.
    /// </summary>
    public Expression<Func<T, TResult>> InMonths<T, TResult>(Expression<Func<T, TResult>> projection) =>
        (Expression<Func<T, TResult>>)new MonthRewriter(Months()).Visit(projection);

    private sealed class MonthRewriter(IReadOnlyList<(string Label, DateTimeOffset Start)> months) : ExpressionVisitor
    {
        private static readonly MethodInfo Marker = typeof(ReportPeriod).GetMethod(nameof(MonthOf))!;

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method != Marker)
            {
                return base.VisitMethodCall(node);
            }

            var at = Visit(node.Arguments[0]);
            Expression label = Expression.Constant(months.Count > 0 ? months[0].Label : "", typeof(string));
            foreach (var (name, start) in months.Skip(1))
            {
                label = Expression.Condition(
                    Expression.GreaterThanOrEqual(at, Expression.Constant((DateTimeOffset?)start, typeof(DateTimeOffset?))),
                    Expression.Constant(name, typeof(string)),
                    label);
            }

            return label;
        }
    }
}

internal static class ReportPeriodRules
{
    /// <summary>When both dates are given: the end after the start, and at most <see cref="ReportPeriod.MaxMonths"/> months apart.</summary>
    public static void ForDates<T>(this AbstractValidator<T> validator, Func<T, DateOnly?> from, Func<T, DateOnly?> to)
    {
        validator.RuleFor(x => to(x)).Must((x, end) => from(x) is not { } start || end is not { } finish || finish > start)
            .OverridePropertyName("To").WithMessage("The end date must be after the start date.");
        validator.RuleFor(x => from(x)).Must((x, start) => start is not { } begin || to(x) is not { } finish || begin.AddMonths(ReportPeriod.MaxMonths) >= finish)
            .OverridePropertyName("From").WithMessage($"A report covers at most {ReportPeriod.MaxMonths} months.");
    }
}
