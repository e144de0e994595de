using System.Globalization;
using System.Xml.Linq;
using Audit.Workflows.Definitions;

namespace Audit.Workflows.Runtime;

/// <summary>
/// A definition's state diagram as an accessible SVG picture: a title and a description for screen readers, each
/// state a box with its name and timers, each transition an arrow labelled with its trigger and guards. Built as XML,
/// so every name and parameter from the definition is escaped.
/// </summary>
public static class SvgDiagram
{
    private const double Margin = 24;
    private const double LabelLineHeight = 15;
    private const double LabelCharWidth = 6.4;
    private const string Font = "system-ui, -apple-system, 'Segoe UI', Arial, sans-serif";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <param name="idPrefix">Prefix for the ids inside the picture, unique on the page that shows it.</param>
    public static string Render(WorkflowDefinition definition, string idPrefix = "workflow-diagram")
    {
        ArgumentNullException.ThrowIfNull(definition);
        var layout = DiagramLayout.Of(definition);
        var bounds = new Bounds();
        var arrow = $"{idPrefix}-arrow";

        var edges = new XElement(Svg + "g", new XAttribute("class", "transitions"));
        var labels = new XElement(Svg + "g", new XAttribute("class", "transition-labels"));
        var longEdgesFrom = new Dictionary<string, int>(StringComparer.Ordinal);
        var staysAt = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var transition in definition.Transitions)
        {
            var label = Label(definition, transition);
            var from = layout[transition.From];
            if (transition.IsStay)
            {
                var n = staysAt[transition.From] = staysAt.GetValueOrDefault(transition.From) + 1;
                var y = from.CentreY + ((n - 1) * 12) - 6;
                var (x0, out1) = (from.Right, from.Right + 36 + (n * 14));
                edges.Add(Path($"M {N(x0)} {N(y - 8)} C {N(out1)} {N(y - 34)}, {N(out1)} {N(y + 18)}, {N(x0)} {N(y + 8)}", arrow, transition));
                bounds.Include(out1, y - 34);
                labels.Add(LabelAt(label, out1 + 6 + (LabelWidth(label) / 2), y + ((n - 1) * 30), bounds));
                continue;
            }

            var to = layout[transition.To];
            var span = to.Row - from.Row;
            (double X, double Y) start, end;
            if (span > 0)
            {
                (start, end) = ((from.CentreX, from.Bottom), (to.CentreX, to.Y));
            }
            else if (span < 0)
            {
                (start, end) = ((from.CentreX, from.Y), (to.CentreX, to.Bottom));
            }
            else
            {
                (start, end) = to.X > from.X ? ((from.Right, from.CentreY), (to.X, to.CentreY)) : ((from.X, from.CentreY), (to.Right, to.CentreY));
            }

            // Arrows between neighbouring rows run straight; longer ones (and those back up or along a row) bow out to
            // alternate sides, further for each, so they pass beside the states between rather than through them.
            var bend = 0.0;
            if (span != 1)
            {
                var k = longEdgesFrom[transition.From] = longEdgesFrom.GetValueOrDefault(transition.From) + 1;
                var side = k % 2 == 1 ? 1 : -1;
                bend = side * (70 + (Math.Max(Math.Abs(span) - 1, 0) * 60) + (((k - 1) / 2) * 70));
            }

            var (dx, dy) = (end.X - start.X, end.Y - start.Y);
            var length = Math.Max(Math.Sqrt((dx * dx) + (dy * dy)), 1);
            var control = (X: ((start.X + end.X) / 2) + (-dy / length * bend), Y: ((start.Y + end.Y) / 2) + (dx / length * bend));
            edges.Add(Path($"M {N(start.X)} {N(start.Y)} Q {N(control.X)} {N(control.Y)} {N(end.X)} {N(end.Y)}", arrow, transition));
            var middle = (X: (0.25 * start.X) + (0.5 * control.X) + (0.25 * end.X), Y: (0.25 * start.Y) + (0.5 * control.Y) + (0.25 * end.Y));
            bounds.Include(control.X, control.Y);
            labels.Add(LabelAt(label, middle.X, middle.Y, bounds));
        }

        var states = new XElement(Svg + "g", new XAttribute("class", "states"));
        foreach (var placed in layout.States)
        {
            states.Add(StateBox(placed, definition.InitialState == placed.State.Name));
            bounds.Include(placed.X, placed.Y - (definition.InitialState == placed.State.Name ? 40 : 0));
            bounds.Include(placed.Right, placed.Bottom);
        }

        var titleId = $"{idPrefix}-title";
        var descId = $"{idPrefix}-desc";
        var (x, y2, width, height) = (bounds.MinX - Margin, bounds.MinY - Margin, bounds.MaxX - bounds.MinX + (2 * Margin), bounds.MaxY - bounds.MinY + (2 * Margin));
        var svg = new XElement(
            Svg + "svg",
            new XAttribute("viewBox", $"{N(x)} {N(y2)} {N(width)} {N(height)}"),
            new XAttribute("width", N(width)),
            new XAttribute("height", N(height)),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{titleId} {descId}"),
            new XAttribute("font-family", Font),
            new XElement(Svg + "title", new XAttribute("id", titleId), $"State diagram of {definition.Title}, version {definition.Version}"),
            new XElement(Svg + "desc", new XAttribute("id", descId), Description(definition)),
            new XElement(
                Svg + "defs",
                new XElement(
                    Svg + "marker",
                    new XAttribute("id", arrow),
                    new XAttribute("viewBox", "0 0 10 10"),
                    new XAttribute("refX", "10"),
                    new XAttribute("refY", "5"),
                    new XAttribute("markerWidth", "8"),
                    new XAttribute("markerHeight", "8"),
                    new XAttribute("orient", "auto-start-reverse"),
                    new XElement(Svg + "path", new XAttribute("d", "M 0 0 L 10 5 L 0 10 z"), new XAttribute("fill", "#0b0c0c")))),
            edges,
            states,
            labels);
        return svg.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The whole diagram in sentences, for those who cannot see the picture.</summary>
    public static string Description(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var finals = definition.States.Where(s => s.Final).Select(s => s.Name).ToList();
        var sentences = new List<string>
        {
            $"{definition.States.Count} states and {definition.Transitions.Count} transitions. An audit starts in {definition.InitialState}" +
            (finals.Count == 0 ? "." : $" and ends in {string.Join(" or ", finals)}."),
        };
        foreach (var transition in definition.Transitions)
        {
            var guards = WorkflowRuntime.GuardLabel(definition, transition);
            var when = guards.Length == 0 ? "" : guards == "otherwise" ? ", otherwise" : $" if {guards}";
            sentences.Add(transition.IsStay
                ? $"In {transition.From}, {transition.Trigger} stays in {transition.From}{when}."
                : $"From {transition.From}, {transition.Trigger} goes to {transition.To}{when}.");
        }

        foreach (var state in definition.States)
        {
            sentences.AddRange(state.Timers.Select(t => $"In {state.Name}, the timer {t.Name} fires {TimerDue.Describe(t)}."));
        }

        return string.Join(" ", sentences);
    }

    private static List<string> Label(WorkflowDefinition definition, TransitionDefinition transition)
    {
        var lines = new List<string> { transition.Trigger };
        var guards = WorkflowRuntime.GuardLabel(definition, transition);
        if (guards == "otherwise")
        {
            lines.Add("[otherwise]");
        }
        else if (transition.When.Count > 0)
        {
            lines.AddRange(transition.When.Select(g => $"[{g}]"));
        }

        return lines;
    }

    private static double LabelWidth(List<string> lines) => (lines.Max(l => l.Length) * LabelCharWidth) + 10;

    private static XElement LabelAt(List<string> lines, double centreX, double centreY, Bounds bounds)
    {
        var width = LabelWidth(lines);
        var height = (lines.Count * LabelLineHeight) + 6;
        var (left, top) = (centreX - (width / 2), centreY - (height / 2));
        bounds.Include(left, top);
        bounds.Include(left + width, top + height);
        var group = new XElement(
            Svg + "g",
            new XElement(
                Svg + "rect",
                new XAttribute("x", N(left)),
                new XAttribute("y", N(top)),
                new XAttribute("width", N(width)),
                new XAttribute("height", N(height)),
                new XAttribute("rx", "3"),
                new XAttribute("fill", "#ffffff"),
                new XAttribute("fill-opacity", "0.9")));
        var text = new XElement(Svg + "text", new XAttribute("font-size", "12"), new XAttribute("fill", "#0b0c0c"), new XAttribute("text-anchor", "middle"));
        for (var i = 0; i < lines.Count; i++)
        {
            text.Add(new XElement(
                Svg + "tspan",
                new XAttribute("x", N(centreX)),
                new XAttribute("y", N(top + 3 + ((i + 1) * LabelLineHeight) - 3)),
                i == 0 ? new XAttribute("font-weight", "bold") : null,
                lines[i]));
        }

        group.Add(text);
        return group;
    }

    private static XElement Path(string d, string arrow, TransitionDefinition transition) =>
        new(
            Svg + "path",
            new XAttribute("d", d),
            new XAttribute("fill", "none"),
            new XAttribute("stroke", "#505a5f"),
            new XAttribute("stroke-width", "1.5"),
            new XAttribute("marker-end", $"url(#{arrow})"),
            new XAttribute("data-transition", $"{transition.From} {transition.Trigger} {transition.To}"));

    private static XElement StateBox(PlacedState placed, bool initial)
    {
        var state = placed.State;
        var group = new XElement(Svg + "g", new XAttribute("data-state", state.Name));
        if (initial)
        {
            group.Add(
                new XElement(Svg + "circle", new XAttribute("cx", N(placed.CentreX)), new XAttribute("cy", N(placed.Y - 34)), new XAttribute("r", "6"), new XAttribute("fill", "#0b0c0c")),
                new XElement(Svg + "line", new XAttribute("x1", N(placed.CentreX)), new XAttribute("y1", N(placed.Y - 28)), new XAttribute("x2", N(placed.CentreX)), new XAttribute("y2", N(placed.Y)), new XAttribute("stroke", "#0b0c0c"), new XAttribute("stroke-width", "1.5")));
        }

        group.Add(Rect(placed.X, placed.Y, placed.Width, placed.Height, state.Timers.Count > 0 ? "#f3f2f1" : "#ffffff", 3));
        if (state.Final)
        {
            // A final state is drawn with a double border.
            group.Add(Rect(placed.X + 4, placed.Y + 4, placed.Width - 8, placed.Height - 8, "none", 1.5));
        }

        group.Add(new XElement(
            Svg + "text",
            new XAttribute("x", N(placed.CentreX)),
            new XAttribute("y", N(placed.Y + 26)),
            new XAttribute("text-anchor", "middle"),
            new XAttribute("font-size", "16"),
            new XAttribute("font-weight", "bold"),
            new XAttribute("fill", "#0b0c0c"),
            state.Name));
        for (var i = 0; i < state.Timers.Count; i++)
        {
            group.Add(new XElement(
                Svg + "text",
                new XAttribute("x", N(placed.CentreX)),
                new XAttribute("y", N(placed.Y + DiagramLayout.NameHeight + (i * DiagramLayout.TimerLineHeight) + 6)),
                new XAttribute("text-anchor", "middle"),
                new XAttribute("font-size", "12"),
                new XAttribute("fill", "#0b0c0c"),
                new XAttribute("data-timer", state.Timers[i].Name),
                DiagramLayout.TimerLine(state.Timers[i])));
        }

        return group;
    }

    private static XElement Rect(double x, double y, double width, double height, string fill, double strokeWidth) =>
        new(
            Svg + "rect",
            new XAttribute("x", N(x)),
            new XAttribute("y", N(y)),
            new XAttribute("width", N(width)),
            new XAttribute("height", N(height)),
            new XAttribute("rx", "6"),
            new XAttribute("fill", fill),
            new XAttribute("stroke", "#0b0c0c"),
            new XAttribute("stroke-width", N(strokeWidth)));

    private static string N(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);

    private sealed class Bounds
    {
        public double MinX { get; private set; } = double.MaxValue;

        public double MinY { get; private set; } = double.MaxValue;

        public double MaxX { get; private set; } = double.MinValue;

        public double MaxY { get; private set; } = double.MinValue;

        public void Include(double x, double y)
        {
            (MinX, MinY) = (Math.Min(MinX, x), Math.Min(MinY, y));
            (MaxX, MaxY) = (Math.Max(MaxX, x), Math.Max(MaxY, y));
        }
    }
}
