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

        // Labels never cover a state or another label: each is moved outward until it is clear.
        var taken = layout.States.Select(p => new Box(p.X - 6, p.Y - 6, p.Width + 12, p.Height + 12)).ToList();
        Box Clear(Box box, double dx, double dy)
        {
            while (taken.Any(t => t.Overlaps(box)))
            {
                box = box with { X = box.X + dx, Y = box.Y + dy };
            }

            taken.Add(box);
            return box;
        }

        // Stays are loops on the right of their state, their labels beside them.
        var staysAt = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var transition in definition.Transitions.Where(t => t.IsStay))
        {
            var label = Label(definition, transition);
            var state = layout[transition.From];
            var n = staysAt[transition.From] = staysAt.GetValueOrDefault(transition.From) + 1;
            var y = state.Y + 14 + ((n - 1) * 16);
            var reach = state.Right + 30 + (n * 12);
            edges.Add(Path($"M {N(state.Right)} {N(y - 6)} C {N(reach)} {N(y - 30)}, {N(reach)} {N(y + 22)}, {N(state.Right)} {N(y + 6)}", arrow, transition));
            bounds.Include(reach, y - 30);
            var box = Clear(LabelBox(label, reach + 8 + (LabelWidth(label) / 2), y), 0, 12);
            labels.Add(LabelAt(label, box, bounds));
        }

        // Each other transition's label is placed first: between neighbouring rows on the straight line, otherwise in a
        // lane beside the states it passes, alternately right and left. The arrow is then drawn through its label.
        var planned = new List<(TransitionDefinition Transition, Box Label, int Span)>();
        var longFrom = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var transition in definition.Transitions.Where(t => !t.IsStay))
        {
            var label = Label(definition, transition);
            var (from, to) = (layout[transition.From], layout[transition.To]);
            var span = to.Row - from.Row;
            Box box;
            if (span == 1)
            {
                box = Clear(LabelBox(label, (from.CentreX + to.CentreX) / 2, (from.Bottom + to.Y) / 2), 14, 0);
            }
            else if (span == 0)
            {
                box = Clear(LabelBox(label, (from.CentreX + to.CentreX) / 2, Math.Min(from.Y, to.Y) - 40), 0, -14);
            }
            else
            {
                var k = longFrom[transition.From] = longFrom.GetValueOrDefault(transition.From) + 1;
                var side = k % 2 == 1 ? 1 : -1;
                var (top, bottom) = (Math.Min(from.Row, to.Row), Math.Max(from.Row, to.Row));
                var passed = layout.States.Where(p => p.Row > top && p.Row < bottom).Append(from).Append(to).ToList();
                var half = LabelWidth(label) / 2;
                var lane = side > 0 ? passed.Max(p => p.Right) + 24 + half : passed.Min(p => p.X) - 24 - half;
                var middle = span > 0 ? (from.Bottom + to.Y) / 2 : (to.Bottom + from.Y) / 2;
                box = Clear(LabelBox(label, lane, middle), side * 16, 0);
            }

            planned.Add((transition, box, span));
        }

        // Where arrows leave and arrive: spread along the side of the box they use, in the order of their labels.
        var ends = new Dictionary<(TransitionDefinition, bool Start), (double X, double Y)>();
        void Spread(IEnumerable<(TransitionDefinition Transition, Box Label, PlacedState State, bool Start, bool Bottom)> uses)
        {
            foreach (var group in uses.GroupBy(u => (u.State.State.Name, u.Bottom)))
            {
                var ordered = group.OrderBy(u => u.Label.CentreX).ToList();
                for (var i = 0; i < ordered.Count; i++)
                {
                    var state = ordered[i].State;
                    var x = state.X + (state.Width * 0.2) + (state.Width * 0.6 * (i + 1) / (ordered.Count + 1));
                    ends[(ordered[i].Transition, ordered[i].Start)] = (x, group.Key.Bottom ? state.Bottom : state.Y);
                }
            }
        }

        Spread(planned.Where(p => p.Span != 0).SelectMany(p => new[]
        {
            (p.Transition, p.Label, layout[p.Transition.From], true, p.Span > 0),
            (p.Transition, p.Label, layout[p.Transition.To], false, p.Span < 0),
        }));
        foreach (var (transition, box, span) in planned)
        {
            var (from, to) = (layout[transition.From], layout[transition.To]);
            var start = span == 0 ? (X: from.CentreX, Y: from.Y) : ends[(transition, true)];
            var end = span == 0 ? (X: to.CentreX, Y: to.Y) : ends[(transition, false)];

            // A quadratic curve through the label's centre: its middle point is a quarter of each end and half the control.
            var control = (X: (2 * box.CentreX) - ((start.X + end.X) / 2), Y: (2 * box.CentreY) - ((start.Y + end.Y) / 2));
            edges.Add(Path($"M {N(start.X)} {N(start.Y)} Q {N(control.X)} {N(control.Y)} {N(end.X)} {N(end.Y)}", arrow, transition));
            labels.Add(LabelAt(Label(definition, transition), box, bounds));
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

    private static Box LabelBox(List<string> lines, double centreX, double centreY)
    {
        var (width, height) = (LabelWidth(lines), (lines.Count * LabelLineHeight) + 6);
        return new Box(centreX - (width / 2), centreY - (height / 2), width, height);
    }

    private static XElement LabelAt(List<string> lines, Box box, Bounds bounds)
    {
        bounds.Include(box.X, box.Y);
        bounds.Include(box.X + box.Width, box.Y + box.Height);
        var group = new XElement(
            Svg + "g",
            new XElement(
                Svg + "rect",
                new XAttribute("x", N(box.X)),
                new XAttribute("y", N(box.Y)),
                new XAttribute("width", N(box.Width)),
                new XAttribute("height", N(box.Height)),
                new XAttribute("rx", "3"),
                new XAttribute("fill", "#ffffff"),
                new XAttribute("stroke", "#b1b4b6"),
                new XAttribute("stroke-width", "0.5")));
        var text = new XElement(Svg + "text", new XAttribute("font-size", "12"), new XAttribute("fill", "#0b0c0c"), new XAttribute("text-anchor", "middle"));
        for (var i = 0; i < lines.Count; i++)
        {
            text.Add(new XElement(
                Svg + "tspan",
                new XAttribute("x", N(box.CentreX)),
                new XAttribute("y", N(box.Y + ((i + 1) * LabelLineHeight))),
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

    private sealed record Box(double X, double Y, double Width, double Height)
    {
        public double CentreX => X + (Width / 2);

        public double CentreY => Y + (Height / 2);

        public bool Overlaps(Box other) =>
            X < other.X + other.Width && other.X < X + Width && Y < other.Y + other.Height && other.Y < Y + Height;
    }

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
