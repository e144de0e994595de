using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Audit.Workflows.Definitions;

/// <summary>
/// Checks that text is one strict JSON value (no comments, no trailing commas, no property given twice) and, when it
/// is not, says where: the JSON path of the last thing read before the fault, and its line and position.
/// System.Text.Json's own exception carries the line but not the path when parsing a document.
/// </summary>
internal static partial class JsonSyntax
{
    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex PlainName();

    /// <summary>Null when the text is well-formed JSON; otherwise the path and the problem.</summary>
    public static (string Path, string Problem)? Check(string text)
    {
        var frames = new Stack<Frame>();
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var frame = frames.Peek();
                        frame.Property = reader.GetString()!;
                        if (!frame.Names!.Add(frame.Property))
                        {
                            var (line, position) = LineAndPosition(bytes, reader.TokenStartIndex);
                            return (PathOf(frames), $"not valid JSON at line {line}, position {position}: the property '{frame.Property}' appears twice in one object.");
                        }

                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        NextItem(frames);
                        frames.Push(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    default:
                        NextItem(frames);
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var position = (ex.BytePositionInLine ?? 0) + 1;
            var reason = ex.Message.Split(" LineNumber:", 2)[0].TrimEnd();
            return (PathOf(frames), $"not valid JSON at line {line}, position {position}: {reason}");
        }

        return null;
    }

    /// <summary>One-based line and byte position of an offset; Utf8JsonReader does not expose its line number.</summary>
    private static (int Line, long Position) LineAndPosition(byte[] bytes, long offset)
    {
        var before = bytes.AsSpan(0, (int)offset);
        var lastBreak = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n') + 1, offset - lastBreak);
    }

    private static void NextItem(Stack<Frame> frames)
    {
        if (frames.TryPeek(out var parent) && parent.IsArray)
        {
            parent.Index++;
        }
    }

    private static string PathOf(Stack<Frame> frames)
    {
        var path = new StringBuilder("$");
        foreach (var frame in frames.Reverse())
        {
            if (frame.IsArray && frame.Index >= 0)
            {
                path.Append(CultureInfo.InvariantCulture, $"[{frame.Index}]");
            }
            else if (!frame.IsArray && frame.Property is not null)
            {
                path.Append(PlainName().IsMatch(frame.Property) ? $".{frame.Property}" : $"['{frame.Property.Replace("'", "\\'", StringComparison.Ordinal)}']");
            }
        }

        return path.ToString();
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Property { get; set; }

        public HashSet<string>? Names { get; } = isArray ? null : new HashSet<string>(StringComparer.Ordinal);
    }
}
