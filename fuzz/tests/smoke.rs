//! Hand-written scripts through the oracle: quick evidence that it accepts correct
//! behaviour on the common paths (a false alarm here would drown every fuzzing run).

use writestack_fuzz::{
    run, run_stack, Answer, Capacity, CrcSpec, End, FlateSpec, Format, FrameSpec, LayerSpec, Len,
    MaxLen, Mode, Op, Order, Pattern, PrefixSpec, Script, Shape,
};

fn ops() -> Vec<Op> {
    vec![
        Op::Write(Len::Small(10)),
        Op::Answers(vec![Answer::Take(1), Answer::NotReady, Answer::Interrupted]),
        Op::Write(Len::Large(5000)),
        Op::WriteBuf(vec![3, 0, 200, 7, 9], Shape::Chain),
        Op::Flush,
        Op::Flush,
        Op::Answers(vec![Answer::Fail]),
        Op::Write(Len::Small(40)),
        Op::WriteBuf(vec![1; 70], Shape::List(0)),
        Op::WriteBuf(vec![50, 50, 50], Shape::Take(120)),
        Op::Answers(vec![Answer::Zero]),
        Op::Flush,
        Op::Impatient(0),
        Op::Answers(vec![Answer::NotReady]),
        Op::Write(Len::Small(3)),
        Op::Write(Len::Small(0)),
        Op::Flush,
    ]
}

fn script(end: End) -> Script {
    Script {
        pattern: Pattern::SyncTail(7),
        answers: vec![Answer::Take(3), Answer::NotReady, Answer::Take(1)],
        calm: 5,
        end,
        ops: ops(),
    }
}

fn frame(prefix: PrefixSpec, capacity: Capacity) -> FrameSpec {
    FrameSpec {
        prefix,
        max: MaxLen::Default,
        end_marker: None,
        capacity,
    }
}

fn layers() -> Vec<LayerSpec> {
    let mut layers = vec![
        LayerSpec::Buf(Capacity::Tiny(3)),
        LayerSpec::Buf(Capacity::Default),
        LayerSpec::Crc(CrcSpec::Observe),
        LayerSpec::Crc(CrcSpec::Trailer(Order::Little)),
    ];
    for format in [Format::Deflate, Format::Zlib, Format::Gzip] {
        for level in [0, 1, 6, 9] {
            layers.push(LayerSpec::Flate(FlateSpec {
                format,
                level,
                capacity: Capacity::Small(100),
                header: Default::default(),
            }));
        }
    }
    for prefix in [
        PrefixSpec::Default,
        PrefixSpec::Fixed(1, Some(Order::Little)),
        PrefixSpec::Varint(None),
    ] {
        for mode in [Mode::Message, Mode::Chunked] {
            layers.push(LayerSpec::Frame(frame(prefix, Capacity::Small(64)), mode));
        }
    }
    layers
}

#[test]
fn every_layer_alone_passes_the_oracle() {
    for layer in layers() {
        for end in [End::Finish, End::Shutdown, End::FinishThenShutdown] {
            run(std::slice::from_ref(&layer), &script(end));
        }
    }
}

#[test]
fn stacks_pass_the_oracle() {
    let all = layers();
    for (index, top) in all.iter().enumerate() {
        let below = &all[(index * 7 + 3) % all.len()];
        let bottom = &all[(index * 5 + 1) % all.len()];
        run_stack(
            &[top.clone(), below.clone(), bottom.clone()],
            &script(End::Shutdown),
        );
    }
}

/// Level-0 flushes over data full of `00 00 FF FF`, in volumes where the codec closes
/// stored blocks on its own: the sweep that finds a flush ending early at such bytes.
#[test]
fn level_zero_flushes_over_sync_markers() {
    for capacity in [Capacity::Small(100), Capacity::Default] {
        for period in 0..61 {
            for (len, times) in [(Len::Large(8192), 9), (Len::Small(200), 63)] {
                let spec = LayerSpec::Flate(FlateSpec {
                    format: Format::Deflate,
                    level: 0,
                    capacity,
                    header: Default::default(),
                });
                let script = Script {
                    pattern: Pattern::SyncTail(period),
                    answers: vec![],
                    calm: 0,
                    end: End::Finish,
                    ops: vec![Op::Repeat(len, times), Op::Repeat(len, times), Op::Flush],
                };
                run(&[spec], &script);
            }
        }
    }
}
