using Harmony.Genomics.Formats.Vcf;

namespace Harmony.Genomics.Tests.Formats.Vcf;

public sealed class ReusedListTests
{
    private static readonly VcfFieldDefinition[] Keys =
        Enumerable.Range(0, 12).Select(i => new VcfFieldDefinition($"K{i}", VcfNumber.One, VcfValueType.Integer, $"key {i}")).ToArray();

    [Fact]
    public void Definitions_AfterClear_AreThoseAddedSince_WhetherSlotsHeldTheSameOrOthers()
    {
        var list = new ReusedList<VcfFieldDefinition, DefinitionSlot>();
        foreach (var key in Keys[..4])
        {
            list.Add(key);
        }

        // The next record repeats two keys in place, puts another in the third slot and has no fourth.
        list.Clear();
        list.Add(Keys[0]);
        list.Add(Keys[1]);
        list.Add(Keys[7]);

        Assert.Equal([Keys[0], Keys[1], Keys[7]], list.AsSpan().ToArray());
        Assert.Equal([Keys[0], Keys[1], Keys[7]], list);
        Assert.Equal(3, list.Count);
        Assert.Same(Keys[7], list[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[3]);
    }

    [Fact]
    public void Definitions_GrowPastTheFirstArray_InOrder()
    {
        var list = new ReusedList<VcfFieldDefinition, DefinitionSlot>();
        foreach (var key in Keys)
        {
            list.Add(key);
        }

        Assert.Equal(Keys, list.AsSpan().ToArray());
        list.Clear();
        Assert.Empty(list);
        Assert.True(list.AsSpan().IsEmpty);
    }

    [Fact]
    public void AddRange_AppendsAsAddWould_GrowingOnce()
    {
        var list = new ReusedList<VcfFieldDefinition, DefinitionSlot>();
        list.AddRange(Keys.AsSpan(0, 5));
        list.Clear();
        list.Add(Keys[11]);
        list.AddRange(Keys.AsSpan(1, 10));

        Assert.Equal([Keys[11], .. Keys[1..11]], list.AsSpan().ToArray());
        list.AddRange([]);
        Assert.Equal(11, list.Count);
    }

    [Fact]
    public void InfoEntries_SameKeysWithNewValues_TakeTheNewValues()
    {
        var list = new ReusedList<(VcfFieldDefinition Field, FieldValues Values), InfoEntrySlot>();
        list.Add((Keys[0], new FieldValues(0, 1)));
        list.Add((Keys[1], new FieldValues(1, 2)));

        list.Clear();
        list.Add((Keys[0], new FieldValues(5, 1)));
        list.Add((Keys[2], new FieldValues(6, 3)));

        Assert.Equal([(Keys[0], new FieldValues(5, 1)), (Keys[2], new FieldValues(6, 3))], list.AsSpan().ToArray());
    }
}
