using Spectre.Console;
using Spectre.Console.Rendering;

namespace ChaosKit.Cli.Output;

/// <summary>
/// A table of items (phases, workflow steps) by figures that fits the console: a row per item when the whole table
/// fits, else a column per item, with as many items to a table as fit. Either way each figure keeps its cell on one
/// line, so no number is broken across lines, however narrow the terminal.
/// </summary>
internal static class FittingTable
{
    /// <summary>One item of the table: its name and one cell per figure.</summary>
    internal sealed record Item(string Name, IReadOnlyList<string> Cells);

    /// <summary>The tables to write, in order: one, or several when even a column per item needs more than the width.</summary>
    /// <param name="console">Where the tables will be written; its width decides the layout.</param>
    /// <param name="title">Markup shown above each table.</param>
    /// <param name="itemHeader">What the items are, e.g. <c>Phase</c>, heading their column in the wide layout.</param>
    /// <param name="figures">The figures' headers in the wide layout, and their row labels in the tall one.</param>
    /// <param name="items">The items, each with a cell per figure (markup).</param>
    /// <param name="leftAligned">How many leading figures are text, left-aligned in the wide layout; the rest are numbers.</param>
    public static IReadOnlyList<Table> For(
        IAnsiConsole console, string title, string itemHeader, IReadOnlyList<string> figures, IReadOnlyList<Item> items, int leftAligned = 0)
    {
        var width = console.Profile.Width;
        var wide = Wide(title, itemHeader, figures, items, leftAligned);
        if (NaturalWidth(console, wide) <= width) return [wide];

        var tables = new List<Table>();
        var chunk = new List<Item>();
        foreach (var item in items)
        {
            if (chunk.Count > 0 && NaturalWidth(console, Tall(title, figures, [.. chunk, item])) > width)
            {
                tables.Add(Tall(title, figures, chunk));
                chunk = [];
            }
            chunk.Add(item);
        }
        tables.Add(Tall(title, figures, chunk));
        return tables;
    }

    private static Table Wide(string title, string itemHeader, IReadOnlyList<string> figures, IReadOnlyList<Item> items, int leftAligned)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        table.AddColumn(itemHeader);
        for (var i = 0; i < figures.Count; i++)
            table.AddColumn(i < leftAligned ? new TableColumn(figures[i]) : new TableColumn(figures[i]).RightAligned());
        foreach (var item in items) table.AddRow([Markup.Escape(item.Name), .. item.Cells]);
        return table;
    }

    private static Table Tall(string title, IReadOnlyList<string> figures, IReadOnlyList<Item> items)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        table.AddColumn("");
        foreach (var item in items) table.AddColumn(new TableColumn(Markup.Escape(item.Name)).RightAligned());
        for (var row = 0; row < figures.Count; row++) table.AddRow([figures[row], .. items.Select(item => item.Cells[row])]);
        return table;
    }

    private static int NaturalWidth(IAnsiConsole console, IRenderable renderable) =>
        renderable.Measure(RenderOptions.Create(console), int.MaxValue).Max;
}
