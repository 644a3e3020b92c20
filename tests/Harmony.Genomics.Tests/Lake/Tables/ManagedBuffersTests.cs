using Apache.Arrow;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Tests.Lake.Tables;

public sealed class ManagedBuffersTests
{
    [Fact]
    public void Strings_HoldEachTextInOrder_MultiByteOnesIncluded()
    {
        string[] texts = ["0/1", string.Empty, "é", "🧬 ALL", "./."];
        var array = ManagedBuffers.Strings(texts);
        Assert.Equal(texts.Length, array.Length);
        Assert.Equal(0, array.NullCount);
        Assert.Equal(texts, Enumerable.Range(0, array.Length).Select(i => array.GetString(i)));
        Assert.Equal(0, ManagedBuffers.Strings([]).Length);
    }

    [Fact]
    public void Copy_WithOwners_LendsAPooledCopyThatTheOwnerGivesBack()
    {
        var bytes = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var owners = new List<IDisposable>();
        var buffer = ManagedBuffers.Copy(bytes, owners);
        Assert.Equal(bytes, buffer.Span.ToArray());
        Assert.Single(owners);
        bytes[0] = 99;
        Assert.Equal(0, buffer.Span[0]);
        owners[0].Dispose();

        var unowned = ManagedBuffers.Copy(bytes, owners: null);
        Assert.Equal(bytes, unowned.Span.ToArray());
        Assert.Single(owners);
        Assert.Equal(0, ManagedBuffers.Copy([], owners).Length);
        Assert.Single(owners);
    }
}
