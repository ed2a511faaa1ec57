//! The room converges: a file-copying simulator. Two to four laptops, each
//! with a folder of its own, make random edits and save them into their
//! own copies (through the app's checked save); a simulated sync tool
//! copies files between folders in any order, late, twice, cut short
//! (a half-written file) or as a conflict copy. Each laptop reads what
//! lands with the room's own [`Arrivals`] and merges it as the app does.
//!
//! When delivery stops and everything is delivered once more, every
//! laptop shows the same session, which is every edit ever made (nothing
//! lost), its own copy on disk holds exactly that, `stb merge` of the
//! copies writes the same bytes as any laptop's own copy, and no conflict
//! copy is left over.

use super::*;
use crate::model::InsightFields;
use crate::storage::{RealDisk, Seen};
use proptest::prelude::*;

fn at(step: usize) -> Timestamp {
    Timestamp::from_second(1_790_000_000 + step as i64).unwrap()
}

struct Laptop {
    folder: tempfile::TempDir,
    own: PathBuf,
    view: Session,
    clock: StampClock,
    arrivals: Arrivals,
    seen: Seen,
}

#[derive(Clone, Debug)]
enum Step {
    /// A laptop captures a line.
    Say(usize),
    /// A laptop edits (or deletes, or stars) the n-th insight it shows.
    Edit(usize, usize, u8),
    /// The sync tool copies the n-th file of one folder into another.
    Copy {
        from: usize,
        to: usize,
        file: usize,
        how: Delivery,
    },
}

#[derive(Clone, Copy, Debug)]
enum Delivery {
    Whole,
    /// Only this share (in 1/8ths) of the bytes: a half-written file.
    Cut(u8),
    /// Under a conflict copy's name, as Syncthing names one.
    Conflict,
}

fn step(laptops: usize) -> impl Strategy<Value = Step> {
    let n = 0..laptops;
    let delivery = prop_oneof![
        4 => Just(Delivery::Whole),
        1 => (1u8..8).prop_map(Delivery::Cut),
        1 => Just(Delivery::Conflict),
    ];
    prop_oneof![
        2 => n.clone().prop_map(Step::Say),
        1 => (n.clone(), 0..8usize, 0u8..3).prop_map(|(l, i, k)| Step::Edit(l, i, k)),
        4 => (n.clone(), n, 0..6usize, delivery)
            .prop_map(|(from, to, file, how)| Step::Copy { from, to, file, how }),
    ]
}

fn start(laptops: usize) -> (Vec<Laptop>, Session) {
    let first = crate::room::test_session("d0", at(0));
    let room = (0..laptops)
        .map(|n| {
            let folder = tempfile::tempdir().unwrap();
            let own = own_copy(&folder.path().join("room.ron"), &format!("d{n}"));
            let mut laptop = Laptop {
                arrivals: Arrivals::new(&own, first.id),
                folder,
                own,
                view: first.clone(),
                clock: StampClock::new(format!("d{n}")),
                seen: Seen::default(),
            };
            laptop.clock.observe(&first.newest_stamp());
            laptop.save(0);
            laptop
        })
        .collect();
    (room, first)
}

impl Laptop {
    fn save(&mut self, now: usize) {
        let saved =
            crate::saving::save_checked(&RealDisk, &self.own, &self.view, &mut self.seen, at(now));
        assert!(saved.result.is_ok(), "{:?}", saved.result);
    }

    /// What the runner and the app do when files land.
    fn landed(&mut self, paths: Vec<PathBuf>, now: usize) {
        if let Some(theirs) = self.arrivals.take(paths).session {
            self.clock.observe(&theirs.newest_stamp());
            let merged = merge::merge_pair(&self.view, &theirs);
            if merged != self.view {
                self.view = merged;
                self.save(now);
            }
        }
        self.arrivals.tidy();
    }

    fn files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| is_session_name(p))
            .collect();
        files.sort();
        files
    }
}

/// Copies `file` into `to`'s folder as `how` says. Never over `to`'s own
/// copy: a sync tool receiving an older version of a file changed here
/// keeps it as a conflict copy.
fn copy(file: &Path, to: &Laptop, how: Delivery, serial: usize) -> PathBuf {
    let bytes = std::fs::read(file).unwrap();
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let conflict = matches!(how, Delivery::Conflict)
        || Some(name.as_str()) == to.own.file_name().and_then(|n| n.to_str());
    let name = if conflict {
        let stem = name.strip_suffix(".ron").unwrap();
        format!(
            "{stem}.sync-conflict-20261202-1015{:02}-SIM.ron",
            serial % 60
        )
    } else {
        name
    };
    let bytes = match how {
        Delivery::Cut(eighths) => &bytes[..bytes.len() * usize::from(eighths) / 8],
        _ => &bytes[..],
    };
    let path = to.folder.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(laptops: usize, steps: &[Step]) -> Result<(), TestCaseError> {
    let (mut room, first) = start(laptops);
    let mut ever = vec![first];
    // Files cut short: the sync tool finishes them once delivery stops.
    let mut in_flight = Vec::new();
    for (n, step) in steps.iter().enumerate() {
        let now = n + 1;
        match *step {
            Step::Say(l) => {
                let laptop = &mut room[l];
                let stamp = laptop.clock.stamp_at(at(now));
                let fields = InsightFields {
                    question: 1,
                    text: format!("said on d{l} at {now}"),
                    ..Default::default()
                };
                laptop.view.add_insight(fields, &stamp);
                laptop.save(now);
            }
            Step::Edit(l, i, kind) => {
                let laptop = &mut room[l];
                let count = laptop.view.insights.len();
                if count == 0 {
                    continue;
                }
                let stamp = laptop.clock.stamp_at(at(now));
                let insight = &mut laptop.view.insights[i % count];
                let mut fields = insight.fields();
                match kind {
                    0 => fields.text = format!("{} (fixed on d{l})", fields.text),
                    1 => fields.deleted = !fields.deleted,
                    _ => fields.starred = !fields.starred,
                }
                insight.apply(fields, &stamp);
                laptop.save(now);
            }
            Step::Copy {
                from,
                to,
                file,
                how,
            } => {
                let files = room[from].files();
                if from == to || files.is_empty() {
                    continue;
                }
                let source = &files[file % files.len()];
                // A sync tool passes on only the files it has whole.
                if in_flight.iter().any(|(_, cut, _)| cut == source) {
                    continue;
                }
                let path = copy(source, &room[to], how, n);
                in_flight.retain(|(_, cut, _)| *cut != path);
                if matches!(how, Delivery::Cut(_)) {
                    in_flight.push((to, path.clone(), std::fs::read(source).unwrap()));
                }
                room[to].landed(vec![path], now);
            }
        }
        ever.extend(room.iter().map(|l| l.view.clone()));
    }
    // Delivery stops: what was cut short is finished, and what is left is
    // delivered, whole, until nothing moves.
    let mut now = steps.len() + 1;
    for (to, path, bytes) in in_flight {
        std::fs::write(&path, bytes).unwrap();
        room[to].landed(vec![path], now);
    }
    for _round in 0..laptops + 2 {
        for from in 0..laptops {
            for to in (0..laptops).filter(|&to| to != from) {
                let files = room[from].files();
                let own = room[to].own.file_name().map(ToOwned::to_owned);
                let landed: Vec<PathBuf> = files
                    .iter()
                    .filter(|f| f.file_name().map(ToOwned::to_owned) != own)
                    .map(|f| copy(f, &room[to], Delivery::Whole, now))
                    .collect();
                room[to].landed(landed, now);
                now += 1;
            }
        }
    }
    let refs: Vec<&Session> = ever.iter().collect();
    let everything = merge::merge_all(&refs);
    for laptop in &room {
        prop_assert_eq!(&laptop.view, &room[0].view, "every laptop shows the same");
        prop_assert_eq!(&laptop.view, &everything, "nothing lost");
        let saved = read_copy_of(&laptop.own, Some(first_id(&room)))
            .unwrap()
            .unwrap();
        prop_assert_eq!(&saved, &laptop.view, "the own copy holds what shows");
        let left = laptop
            .files()
            .into_iter()
            .filter(|f| conflict_of(&f.file_name().unwrap().to_string_lossy()).is_some());
        prop_assert_eq!(left.count(), 0, "conflict copies are tidied");
    }
    let out = room[0].folder.path().join("merged.out");
    let copies: Vec<PathBuf> = room[0].files();
    let code = crate::commands::merge(&copies, &out, false, None);
    prop_assert_eq!(code, std::process::ExitCode::SUCCESS);
    prop_assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(&room[0].own).unwrap(),
        "stb merge of the copies writes what any laptop saved"
    );
    Ok(())
}

fn first_id(room: &[Laptop]) -> Ulid {
    room[0].view.id
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn laptops_converge_whatever_the_sync_tool_does(
        (laptops, steps) in (2usize..=4).prop_flat_map(|n| (Just(n), proptest::collection::vec(step(n), 1..40)))
    ) {
        run(laptops, &steps)?;
    }
}
