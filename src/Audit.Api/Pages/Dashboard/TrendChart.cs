using System.Globalization;
using Audit.Api.Features.Dashboard;

namespace Audit.Api.Pages.Dashboard;

/// <summary>
/// The trend as coordinates for an SVG drawn on the server: percent (0 to 100) up, periods across. A line breaks
/// where a period has no audits. Each line has a dash pattern as well as a colour, so colour is never the only cue.
/// </summary>
public sealed class TrendChart
{
    public const int Width = 640;
    public const int Height = 320;
    public const int Left = 48;
    public const int Right = 16;
    public const int Top = 16;
    public const int Bottom = 48;

    private static readonly string[] Colours = ["#0b0c0c", "#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#b58840", "#f47738", "#5694ca", "#912b88", "#28a197"];
    private static readonly string[] Dashes = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4", "12 3 3 3", "3 6", "6 2 2 2"];

    public TrendChart(TrendDto trend)
    {
        var step = (trend.Periods.Count + 11) / 12;
        Periods = trend.Periods.Select((p, i) => new Tick(X(i, trend.Periods.Count), i % step == 0 ? p.Period : "")).ToList();
        var lines = new List<Line> { LineOf("Overall", 0, trend.Periods.Select(p => p.Overall.Percent).ToList(), trend.Periods.Count, thick: true) };
        lines.AddRange(trend.Criteria.Select((c, i) => LineOf($"{c.Position + 1}. {c.Title}", i + 1, trend.Periods.Select(p => p.Criteria[i].Percent).ToList(), trend.Periods.Count, thick: false)));
        Lines = lines;
        TargetY = Y(trend.Target.Percent);
        TargetPercent = trend.Target.Percent;
    }

    public IReadOnlyList<Tick> Periods { get; }

    public IReadOnlyList<Line> Lines { get; }

    public string TargetY { get; }

    public int TargetPercent { get; }

    private static readonly int[] GridPercents = [0, 25, 50, 75, 100];

    public static IReadOnlyList<(string Y, string Label)> Grid => [.. GridPercents.Select(p => (Y(p), $"{p}%"))];

    public static string PlotLeft => Num(Left);

    public static string PlotRight => Num(Width - Right);

    public static string PlotBottom => Num(Height - Bottom);

    public static string ViewBox => $"0 0 {Width} {Height}";

    public sealed record Tick(string X, string Label);

    /// <summary>A line: its points split into runs where a period without audits breaks it.</summary>
    public sealed record Line(string Name, string Colour, string Dash, string StrokeWidth, IReadOnlyList<string> Runs, IReadOnlyList<(string X, string Y)> Points);

    private static Line LineOf(string name, int index, List<decimal?> percents, int count, bool thick)
    {
        var runs = new List<string>();
        var run = new List<string>();
        var points = new List<(string, string)>();
        for (var i = 0; i < percents.Count; i++)
        {
            if (percents[i] is { } p)
            {
                var point = (X(i, count), Y((double)p));
                points.Add(point);
                run.Add($"{point.Item1},{point.Item2}");
            }
            else if (run.Count > 0)
            {
                runs.Add(string.Join(' ', run));
                run = [];
            }
        }

        if (run.Count > 0)
        {
            runs.Add(string.Join(' ', run));
        }

        return new Line(name, Colours[index % Colours.Length], Dashes[index % Dashes.Length], thick ? "4" : "2", runs, points);
    }

    private static string X(int index, int count) =>
        Num(count <= 1 ? Left + ((Width - Left - Right) / 2.0) : Left + (index * (Width - Left - Right) / (double)(count - 1)));

    private static string Y(double percent) => Num(Top + ((100 - percent) * (Height - Top - Bottom) / 100.0));

    private static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>What <c>_DashboardShare</c> shows of a share.</summary>
public sealed record ShareView(decimal? Percent, int GoodOrBetter, int Total, Audit.Domain.Reporting.ConfidenceInterval? Ci, bool SmallSample, bool MeetsTarget);

/// <summary>What <c>_TrendChart</c> draws: the trend, its coordinates, and the prefix that keeps the SVG's title and description ids unique on the page.</summary>
public sealed record TrendChartView(TrendDto Trend, TrendChart Chart, string Id);
