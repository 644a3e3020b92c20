using System.Text;

namespace Harmony.Genomics.Lake.Parquet;

/// <summary>
/// Thrift's compact protocol, the encoding of every Parquet page header and of the file footer: only the writing half,
/// and only the types those structures use (struct fields by delta-encoded id, zigzag varints, binary, lists).
/// </summary>
internal sealed class ThriftCompactWriter
{
    // Compact-protocol type codes.
    private const byte BoolTrue = 1;
    private const byte BoolFalse = 2;
    internal const byte I16 = 4;
    internal const byte I32 = 5;
    internal const byte I64 = 6;
    internal const byte Binary = 8;
    internal const byte List = 9;
    internal const byte Struct = 12;

    private readonly ByteSink _output;
    private readonly Stack<short> _enclosingFieldIds = new();
    private short _lastFieldId;

    public ThriftCompactWriter(ByteSink output) => _output = output;

    public void StructBegin()
    {
        _enclosingFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void StructEnd()
    {
        _output.WriteByte(0); // field stop
        _lastFieldId = _enclosingFieldIds.Pop();
    }

    /// <summary>Starts a struct-valued field (call <see cref="StructEnd"/> after its fields).</summary>
    public void FieldStructBegin(short id)
    {
        FieldHeader(id, Struct);
        StructBegin();
    }

    public void FieldI32(short id, int value)
    {
        FieldHeader(id, I32);
        _output.ZigZagVarInt(value);
    }

    public void FieldI64(short id, long value)
    {
        FieldHeader(id, I64);
        _output.ZigZagVarInt(value);
    }

    public void FieldI16(short id, short value)
    {
        FieldHeader(id, I16);
        _output.ZigZagVarInt(value);
    }

    public void FieldBool(short id, bool value) => FieldHeader(id, value ? BoolTrue : BoolFalse);

    public void FieldString(short id, string value)
    {
        FieldHeader(id, Binary);
        ListString(value);
    }

    public void FieldBinary(short id, ReadOnlySpan<byte> value)
    {
        FieldHeader(id, Binary);
        _output.VarInt((ulong)value.Length);
        _output.Write(value);
    }

    /// <summary>Starts a list-valued field; its elements follow (structs: <see cref="StructBegin"/>/<see cref="StructEnd"/> each).</summary>
    public void FieldListBegin(short id, byte elementType, int count)
    {
        FieldHeader(id, List);
        if (count < 15)
        {
            _output.WriteByte((byte)((count << 4) | elementType));
        }
        else
        {
            _output.WriteByte((byte)(0xF0 | elementType));
            _output.VarInt((ulong)count);
        }
    }

    public void ListI32(int value) => _output.ZigZagVarInt(value);

    public void ListString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        _output.VarInt((ulong)bytes.Length);
        _output.Write(bytes);
    }

    private void FieldHeader(short id, byte type)
    {
        var delta = id - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            _output.WriteByte((byte)((delta << 4) | type));
        }
        else
        {
            _output.WriteByte(type);
            _output.ZigZagVarInt(id);
        }

        _lastFieldId = id;
    }
}
