using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Update;

namespace Audit.Api.Persistence;

/// <summary>
/// The commands of <see cref="LeanSqliteDatabase"/>'s statements. Each statement's text and parameters are worked out
/// once per shape (type, kind, columns, rows, which concurrency tokens were read as null) and kept; the command itself
/// is EF's own relational command, made for each execution (EF's commands keep their reader, so one is not shared
/// between requests). So they run through EF's interceptors and logging, and set each parameter through the column's
/// type mapping and value converter as EF's save does. A row is matched by its key and by each concurrency token's
/// value as it was read.
/// </summary>
internal sealed class LeanWriteCommands(IRelationalCommandBuilderFactory builders, ISqlGenerationHelper sql)
{
    private static readonly ConcurrentDictionary<(IEntityType Type, string Shape), Statement> Cache = new();

    /// <summary>A statement's text, its parameters, and the values the database makes that an INSERT returns.</summary>
    public sealed record Statement(string Text, IReadOnlyList<Parameter> Parameters, int ParametersARow, IReadOnlyList<IProperty> Returned);

    /// <summary>A parameter, and the property whose value (current, or as it was read) it takes from its row.</summary>
    public sealed record Parameter(string InvariantName, string Name, IProperty Property, RelationalTypeMapping Mapping, bool Original);

    /// <summary>The statement of a step, and a command of it for this execution.</summary>
    public (Statement Statement, IRelationalCommand Command) For(LeanSavePlan.Step step)
    {
        var shape = LeanTableShape.Of(step.EntityType);
        var nullTokens = step.Kind == LeanSavePlan.Kind.Insert ? [] : shape.Tokens.Select(t => step.Entries[0].GetOriginalValue(t) is null).ToArray();
        var key = $"{step.Kind}|{step.Entries.Count}|{string.Join(",", step.Columns.Select(c => c.Name))}|{string.Concat(nullTokens.Select(n => n ? '1' : '0'))}";
        var statement = Cache.GetOrAdd((step.EntityType, key), _ => Build(step, shape, nullTokens));
        var builder = builders.Create().Append(statement.Text);
        foreach (var parameter in statement.Parameters)
        {
            builder.AddParameter(parameter.InvariantName, parameter.Name, parameter.Mapping, parameter.Property.IsNullable);
        }

        return (statement, builder.Build());
    }

    /// <summary>The parameters' values for the step's rows: a row's parameters follow the previous row's.</summary>
    public static Dictionary<string, object?> Values(Statement statement, IReadOnlyList<IUpdateEntry> entries)
    {
        var values = new Dictionary<string, object?>(statement.Parameters.Count, StringComparer.Ordinal);
        for (var i = 0; i < statement.Parameters.Count; i++)
        {
            var parameter = statement.Parameters[i];
            var entry = entries[i / statement.ParametersARow];
            values[parameter.InvariantName] = parameter.Original ? entry.GetOriginalValue(parameter.Property) : entry.GetCurrentValue(parameter.Property);
        }

        return values;
    }

    private Statement Build(LeanSavePlan.Step step, LeanTableShape shape, bool[] nullTokens)
    {
        var parameters = new List<Parameter>();
        var text = new StringBuilder();
        var returned = new List<IProperty>();
        var table = sql.DelimitIdentifier(shape.Table.Name, shape.Table.Schema);
        switch (step.Kind)
        {
            case LeanSavePlan.Kind.Insert:
                text.Append("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", step.Columns.Select(Column)).Append(") VALUES ");
                for (var r = 0; r < step.Entries.Count; r++)
                {
                    text.Append(r == 0 ? "(" : ", (").AppendJoin(", ", step.Columns.Select(c => Add(c, original: false))).Append(')');
                }

                returned.AddRange(shape.Columns.Except(step.Columns));
                if (returned.Count > 0)
                {
                    text.Append(" RETURNING ").AppendJoin(", ", returned.Select(Column));
                }

                break;
            case LeanSavePlan.Kind.Update:
                text.Append("UPDATE ").Append(table).Append(" SET ").AppendJoin(", ", step.Columns.Select(c => $"{Column(c)} = {Add(c, original: false)}"));
                Where();
                break;
            default:
                text.Append("DELETE FROM ").Append(table);
                Where();
                break;
        }

        return new Statement(text.ToString(), parameters, parameters.Count / step.Entries.Count, returned);

        string Column(IProperty property) => sql.DelimitIdentifier(property.GetColumnName(shape.Table)!);

        string Add(IProperty property, bool original)
        {
            var invariant = $"p{parameters.Count}";
            var name = sql.GenerateParameterName(invariant);
            parameters.Add(new Parameter(invariant, name, property, property.GetRelationalTypeMapping(), original));
            return name;
        }

        void Where()
        {
            text.Append(" WHERE ").AppendJoin(" AND ", shape.Key.Select(k => $"{Column(k)} = {Add(k, original: false)}"));
            for (var i = 0; i < shape.Tokens.Count; i++)
            {
                var token = shape.Tokens[i];
                text.Append(" AND ").Append(Column(token)).Append(nullTokens[i] ? " IS NULL" : $" = {Add(token, original: true)}");
            }
        }
    }
}
