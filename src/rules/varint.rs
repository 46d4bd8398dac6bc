//! The integers and byte strings of the binary forms build.rs writes for the built-in
//! patterns (see [`super::hir_codec`] and [`super::nfa_codec`]): LEB128 varints, and a reader
//! that refuses a damaged form instead of misreading it.
//!
//! This file is also compiled into build.rs (`#[path]`), beside the two codecs, so it uses
//! nothing but `std`.

/// Appends `value` as a LEB128 varint: seven bits a byte, low bits first.
pub fn write_u64(mut value: u64, out: &mut Vec<u8>) {
    while value >= 0x80 {
        // The low seven bits, with the high bit saying that more follow.
        out.push((value & 0x7F) as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Appends a length, then the bytes.
pub fn write_bytes(bytes: &[u8], out: &mut Vec<u8>) {
    write_u64(bytes.len() as u64, out);
    out.extend_from_slice(bytes);
}

/// Reads a binary form from its start; every read is `None` past its end.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    /// Has every byte been read?
    pub fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }

    pub fn byte(&mut self) -> Option<u8> {
        let byte = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    /// A varint written by [`write_u64`].
    pub fn u64(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7F) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    pub fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.u64()?).ok()
    }

    /// A count of items that each take at least a byte: a longer count is a damaged form, and
    /// allocating for it could exhaust memory.
    pub fn count(&mut self) -> Option<usize> {
        let len = usize::try_from(self.u64()?).ok()?;
        (len <= self.bytes.len() - self.at).then_some(len)
    }

    /// Bytes written by [`write_bytes`].
    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let len = self.count()?;
        let bytes = self.bytes.get(self.at..self.at + len)?;
        self.at += len;
        Some(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_bytes_read_back_as_written() {
        let mut out = Vec::new();
        for value in [0, 1, 0x7F, 0x80, 300, u64::from(u32::MAX), u64::MAX] {
            write_u64(value, &mut out);
        }
        write_bytes(b"bewertung", &mut out);
        let mut reader = Reader::new(&out);
        for value in [0, 1, 0x7F, 0x80, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(reader.u64(), Some(value));
        }
        assert_eq!(reader.bytes(), Some(&b"bewertung"[..]));
        assert!(reader.is_done());
        assert_eq!(reader.byte(), None);
    }

    #[test]
    fn damaged_input_reads_as_none() {
        // A varint that never ends, one too long for 64 bits, a length past the end.
        assert_eq!(Reader::new(&[0x80, 0x80]).u64(), None);
        assert_eq!(Reader::new(&[0xFF; 11]).u64(), None);
        assert_eq!(Reader::new(&[5, b'a']).bytes(), None);
        assert_eq!(
            Reader::new(&[0xFF, 0xFF, 0xFF, 0xFF, 0x0F]).u32(),
            Some(u32::MAX)
        );
        assert_eq!(Reader::new(&[0x80, 0x80, 0x80, 0x80, 0x10]).u32(), None);
    }
}
