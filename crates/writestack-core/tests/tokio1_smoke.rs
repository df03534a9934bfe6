//! A first look at the tokio 1 shim: a layer over a tokio 1 writer, driven on a tokio 1
//! current-thread runtime.
#![cfg(feature = "tokio")]

use tokio1::io::AsyncWriteExt;
use writestack_core::tokio::FinishExt;
use writestack_core::{Encode, EncodeWriter, OutBuf};

#[derive(Debug)]
struct Copy;

impl Encode for Copy {
    fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> std::io::Result<usize> {
        Ok(out.push(input))
    }
    fn flush(&mut self, _: &mut OutBuf) -> std::io::Result<bool> {
        Ok(true)
    }
    fn finish(&mut self, out: &mut OutBuf) -> std::io::Result<bool> {
        Ok(out.push(b"!") == 1)
    }
}

#[test]
fn a_layer_writes_finishes_and_shuts_down_on_tokio_1() {
    let runtime = tokio1::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut writer = EncodeWriter::with_capacity(4, Copy, Vec::new());
        writer.write_all(b"hello world").await.unwrap();
        writer.finish().await.unwrap();
        assert_eq!(writer.get_ref(), b"hello world!");
        writer.shutdown().await.unwrap();
        assert_eq!(writer.get_ref(), b"hello world!");
    });
}
