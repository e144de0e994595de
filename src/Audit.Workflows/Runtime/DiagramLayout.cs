using Audit.Workflows.Definitions;

namespace Audit.Workflows.Runtime;

/// <summary>
/// Where each state of a definition sits in its diagram: in rows by the longest path from the initial state (ignoring
/// loops back), so the audit's course reads from top to bottom; within a row in the order the file declares the
/// states. The same definition always gets the same layout.
/// </summary>
public sealed class DiagramLayout
{
    public const double RowGap = 150;
    public const double ColumnGap = 90;
    public const double NameHeight = 40;
    public const double TimerLineHeight = 18;

    private DiagramLayout(IReadOnlyList<PlacedState> states) => States = states;

    public IReadOnlyList<PlacedState> States { get; }

    public PlacedState this[string name] => States.First(s => s.State.Name == name);

    public static DiagramLayout Of(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var layers = Layers(definition);
        var rows = definition.States
            .GroupBy(s => layers[s.Name])
            .OrderBy(g => g.Key)
            .Select(g => g.ToList())
            .ToList();
        var rowWidths = rows.Select(r => r.Sum(Width) + (ColumnGap * (r.Count - 1))).ToList();
        var widest = rowWidths.Max();
        var placed = new List<PlacedState>();
        var y = 0.0;
        for (var i = 0; i < rows.Count; i++)
        {
            var x = (widest - rowWidths[i]) / 2;
            foreach (var state in rows[i])
            {
                placed.Add(new PlacedState(state, layers[state.Name], x, y, Width(state), Height(state)));
                x += Width(state) + ColumnGap;
            }

            y += rows[i].Max(Height) + RowGap;
        }

        return new DiagramLayout(placed);
    }

    /// <summary>A timer as its state's box shows it.</summary>
    public static string TimerLine(TimerDefinition timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return $"Timer {timer.Name}: {TimerDue.Describe(timer)}";
    }

    private static double Width(StateDefinition state) =>
        Math.Max(140, Math.Max(state.Name.Length * 10.0, state.Timers.Select(t => TimerLine(t).Length * 6.6).DefaultIfEmpty(0).Max()) + 28);

    private static double Height(StateDefinition state) => NameHeight + (state.Timers.Count * TimerLineHeight) + (state.Timers.Count > 0 ? 8 : 0);

    /// <summary>Longest path from the initial state over the transitions that do not loop back; states never reached go last.</summary>
    private static Dictionary<string, int> Layers(WorkflowDefinition definition)
    {
        var forward = new List<TransitionDefinition>();
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string state)
        {
            seen.Add(state);
            onPath.Add(state);
            foreach (var t in definition.TransitionsFrom(state).Where(t => !t.IsStay))
            {
                if (onPath.Contains(t.To))
                {
                    continue;
                }

                forward.Add(t);
                if (!seen.Contains(t.To))
                {
                    Visit(t.To);
                }
            }

            onPath.Remove(state);
        }

        Visit(definition.InitialState);
        var layers = new Dictionary<string, int>(StringComparer.Ordinal) { [definition.InitialState] = 0 };
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var t in forward)
            {
                if (layers.TryGetValue(t.From, out var from) && (!layers.TryGetValue(t.To, out var to) || to < from + 1) && from + 1 < definition.States.Count)
                {
                    layers[t.To] = from + 1;
                    changed = true;
                }
            }
        }

        var last = layers.Values.Max() + 1;
        foreach (var state in definition.States.Where(s => !layers.ContainsKey(s.Name)))
        {
            layers[state.Name] = last;
        }

        return layers;
    }
}

/// <summary>A state's box: top-left corner, size and row.</summary>
public sealed record PlacedState(StateDefinition State, int Row, double X, double Y, double Width, double Height)
{
    public double CentreX => X + (Width / 2);

    public double CentreY => Y + (Height / 2);

    public double Bottom => Y + Height;

    public double Right => X + Width;
}
