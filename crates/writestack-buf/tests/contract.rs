//! The layer contract suite, run on `BufWriter`.

use writestack_buf::BufWriter;
use writestack_test::{LayerSpec, TestWriter};

struct BufSpec {
    capacity: usize,
}

impl LayerSpec for BufSpec {
    type Layer = BufWriter<TestWriter>;

    fn name(&self) -> &'static str {
        "BufWriter"
    }

    fn build(&self, inner: TestWriter) -> Self::Layer {
        BufWriter::with_capacity(self.capacity, inner)
    }

    fn decode(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        Ok(wire.to_vec())
    }

    fn decode_flushed(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        Ok(wire.to_vec())
    }

    fn max_accepted_while_blocked(&self) -> usize {
        self.capacity
    }

    fn capacity(&self) -> usize {
        self.capacity
    }
}

mod default_capacity {
    writestack_test::contract_tests!(super::BufSpec { capacity: 8 * 1024 });
}

mod tiny_capacity {
    writestack_test::contract_tests!(super::BufSpec { capacity: 7 });
}
