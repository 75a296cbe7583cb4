//! "Explore with sample data": a fictional cohort of 40 mentors and 60
//! participants whose answers read like a state library association's
//! application form. Generated deterministically, so every copy is the same.

use std::collections::BTreeMap;

use crate::error::Result;
use crate::import::{import_workbook, read_bytes, ImportOptions};
use crate::people::{Application, Lists, Role};
use crate::programs::{create_program, get_program, list_programs, Program, ProgramInput};
use crate::store::Store;

/// Name of the sample program (a number is added if it already exists).
pub const SAMPLE_PROGRAM_NAME: &str = "Sample Leadership Institute";
/// Sample sizes.
pub const SAMPLE_MENTORS: usize = 40;
pub const SAMPLE_PARTICIPANTS: usize = 60;

const FIRST: &[&str] = &[
    "Anna", "Zoë", "Łukasz", "Ayşe", "Marcus", "Priya", "Hà", "Dolores", "Kwame", "Ingrid",
    "Tomás", "Mei", "Fatima", "Olu", "Siobhan", "Rahul", "Greta", "Jamal", "Noor", "Erik",
    "Beatriz", "Hiroshi", "Chidi", "Sofía", "Wendell", "Leilani", "Dmitri", "Aroha", "Kateri",
    "Björn",
];
const LAST: &[&str] = &[
    "Lindqvist",
    "Ñúñez",
    "Wróbel",
    "Yılmaz",
    "Okafor",
    "Raman",
    "Nguyễn",
    "Haugen",
    "Mensah",
    "Berg",
    "O'Connor",
    "Castillo",
    "Chen",
    "Thunder",
    "Johansson",
    "Abubakar",
    "Kowalski",
    "Running Wolf",
    "Sørensen",
    "Delacroix",
    "Fairbanks",
    "Ishikawa",
    "Nakamura",
    "Petersen",
];
const REGIONS: &[(&str, &[&str])] = &[
    (
        "Northeast",
        &["Duluth", "Grand Rapids", "Hibbing", "Cohasset"],
    ),
    ("Northwest", &["Bemidji", "Moorhead", "Thief River Falls"]),
    ("Central", &["St. Cloud", "Brainerd", "Little Falls"]),
    (
        "Metro",
        &["Minneapolis", "St. Paul", "Bloomington", "Roseville"],
    ),
    ("Southeast", &["Rochester", "Winona", "Red Wing"]),
    ("Southwest", &["Marshall", "Mankato", "Worthington"]),
];
/// The kinds of library an application can name.
pub const LIBRARY_TYPES: &[&str] = &[
    "Public",
    "Academic",
    "School",
    "Special",
    "Tribal",
    "Government",
];
const AREAS: &[&str] = &[
    "Leadership",
    "Budgeting & finance",
    "Grant writing",
    "Advocacy",
    "Diversity, equity & inclusion",
    "Staff supervision",
    "Community partnerships",
    "Technology planning",
    "Work-life balance",
    "Career advancement",
    "Marketing & outreach",
    "Change management",
];
const MODES: &[&str] = &["In person", "Video call", "Phone"];
const POSITIONS_MENTOR: &[&str] = &[
    "Library Director",
    "Branch Manager",
    "Dean of Libraries",
    "Head of Youth Services",
    "Regional Library Administrator",
    "Media Specialist",
    "Head of Technical Services",
];
const POSITIONS_PARTICIPANT: &[&str] = &[
    "Librarian",
    "Children's Librarian",
    "Reference Librarian",
    "Library Associate",
    "Outreach Coordinator",
    "Assistant Branch Manager",
    "Teacher Librarian",
];
const GOALS: &[&str] = &[
    "I want to prepare for my first supervisory role and learn to lead a small team.",
    "I hope to write our library's first grant application with confidence.",
    "I'd like to understand municipal budgets well enough to make our case to the city council.",
    "I want to build partnerships with tribal colleges and community organizations.",
    "Learning to manage change as our library system merges two branches.",
    "Growing as an advocate for school libraries at the district level.",
];

/// SplitMix64: small, deterministic, good enough to vary sample answers
/// (and the benchmarks' cohorts).
pub struct Dice(pub u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn some<'a>(&mut self, items: &[&'a str], min: usize, max: usize) -> Vec<&'a str> {
        let count = min + self.below(max - min + 1);
        let mut chosen: Vec<&str> = Vec::new();
        while chosen.len() < count.min(items.len()) {
            let item = self.pick(items);
            if !chosen.contains(&item) {
                chosen.push(item);
            }
        }
        chosen.sort_by_key(|c| items.iter().position(|i| i == c));
        chosen
    }
}

/// One generated application: the normalized answers and the form row as it would arrive.
pub struct SampleApplication {
    pub role: Role,
    pub application: Application,
    pub raw: BTreeMap<String, String>,
}

fn slug(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => Some(c.to_ascii_lowercase()),
            'ł' | 'Ł' => Some('l'),
            'ñ' | 'Ñ' => Some('n'),
            'ø' | 'ö' | 'ó' | 'Ø' => Some('o'),
            'ü' | 'ú' => Some('u'),
            'é' | 'ë' | 'ễ' => Some('e'),
            'á' | 'à' | 'ã' => Some('a'),
            'ı' | 'í' => Some('i'),
            'ş' => Some('s'),
            _ => None,
        })
        .collect()
}

/// The sample cohort: mentors first, then participants; same output on every call.
pub fn sample_applications() -> Vec<SampleApplication> {
    let mut dice = Dice(20_190_510);
    let mut used_names = std::collections::HashSet::new();
    (0..SAMPLE_MENTORS + SAMPLE_PARTICIPANTS)
        .map(|index| {
            let role = if index < SAMPLE_MENTORS {
                Role::Mentor
            } else {
                Role::Participant
            };
            let answers = draw_answers(&mut dice, role, &mut used_names);
            let raw = raw_row(role, &answers);
            SampleApplication {
                role,
                application: answers.into_application(),
                raw,
            }
        })
        .collect()
}

/// One made-up applicant's answers, as drawn from the dice.
struct Answers {
    name: String,
    region: &'static str,
    city: &'static str,
    library_type: &'static str,
    library: String,
    years: usize,
    areas: Vec<&'static str>,
    modes: Vec<&'static str>,
    position: &'static str,
    email: String,
    submitted: String,
    capacity: Option<u32>,
    goals: String,
    attending: &'static str,
}

/// Draws one applicant; the order of the draws fixes the whole cohort.
fn draw_answers(
    dice: &mut Dice,
    role: Role,
    used_names: &mut std::collections::HashSet<String>,
) -> Answers {
    let name = loop {
        let candidate = format!("{} {}", dice.pick(FIRST), dice.pick(LAST));
        if used_names.insert(candidate.clone()) {
            break candidate;
        }
    };
    let (region, cities) = REGIONS[dice.below(REGIONS.len())];
    let city = dice.pick(cities);
    let library_type = dice.pick(LIBRARY_TYPES);
    let library = match library_type {
        "Public" => format!("{city} Public Library"),
        "Academic" => format!("{city} State University Library"),
        "School" => format!("{city} Area Schools"),
        "Tribal" => format!("{city} Tribal College Library"),
        "Government" => format!("{region} Regional Government Library"),
        _ => format!("{city} Medical Center Library"),
    };
    let years = match role {
        Role::Mentor => 10 + dice.below(25),
        Role::Participant => 1 + dice.below(8),
    };
    let areas = dice.some(AREAS, 2, 4);
    let modes = dice.some(MODES, 1, 2);
    let position = match role {
        Role::Mentor => dice.pick(POSITIONS_MENTOR),
        Role::Participant => dice.pick(POSITIONS_PARTICIPANT),
    };
    let email = format!(
        "{}.{}@example.org",
        slug(name.split(' ').next().unwrap_or("x")),
        slug(name.rsplit(' ').next().unwrap_or("y"))
    );
    let submitted = format!(
        "2019-02-{:02} {:02}:{:02}:00",
        1 + dice.below(27),
        8 + dice.below(12),
        dice.below(60)
    );
    let capacity = match role {
        Role::Mentor => Some(if dice.below(4) == 0 { 2 } else { 1 }),
        Role::Participant => None,
    };
    let goals = match role {
        Role::Mentor => String::new(),
        Role::Participant => dice.pick(GOALS).to_string(),
    };
    let attending = if dice.below(6) == 0 {
        "Not sure yet"
    } else {
        "Yes"
    };
    Answers {
        name,
        region,
        city,
        library_type,
        library,
        years,
        areas,
        modes,
        position,
        email,
        submitted,
        capacity,
        goals,
        attending,
    }
}

/// The row a form tool would export for these answers: header → cell.
fn raw_row(role: Role, a: &Answers) -> BTreeMap<String, String> {
    let areas_header = match role {
        Role::Mentor => "Areas where you could offer guidance (check all that apply)",
        Role::Participant => "Areas where you would like guidance (check all that apply)",
    };
    let mut raw = BTreeMap::new();
    raw.insert("Timestamp".to_string(), a.submitted.clone());
    raw.insert("Email Address".to_string(), a.email.clone());
    raw.insert("Name".to_string(), a.name.clone());
    raw.insert("Library / organization".to_string(), a.library.clone());
    raw.insert("Position title".to_string(), a.position.to_string());
    raw.insert("Type of library".to_string(), a.library_type.to_string());
    raw.insert("City".to_string(), a.city.to_string());
    raw.insert("Region".to_string(), a.region.to_string());
    raw.insert(
        "Years working in libraries".to_string(),
        a.years.to_string(),
    );
    raw.insert(areas_header.to_string(), a.areas.join(", "));
    raw.insert(
        "How would you prefer to meet?".to_string(),
        a.modes.join(", "),
    );
    if let Some(capacity) = a.capacity {
        raw.insert(
            "How many mentees could you take on?".to_string(),
            capacity.to_string(),
        );
    } else {
        raw.insert(
            "What do you hope to gain from the institute?".to_string(),
            a.goals.clone(),
        );
    }
    raw.insert(
        "Will you attend the kickoff at Leading for Life?".to_string(),
        a.attending.to_string(),
    );
    raw
}

impl Answers {
    fn into_application(self) -> Application {
        Application {
            name: self.name,
            email: Some(self.email),
            library: self.library,
            position: self.position.to_string(),
            city: self.city.to_string(),
            region: self.region.to_string(),
            years_experience: Some(self.years as f64),
            capacity: self.capacity,
            kickoff_attendance: self.attending.to_string(),
            goals: self.goals,
            submitted_at: Some(self.submitted),
            lists: Lists {
                library_types: vec![self.library_type.to_string()],
                areas: self.areas.iter().map(|a| a.to_string()).collect(),
                meeting_modes: self.modes.iter().map(|m| m.to_string()).collect(),
                ..Lists::default()
            },
            ..Application::default()
        }
    }
}

/// The sample cohort as the two spreadsheets a form tool would export
/// (mentors, participants): header row first, Google Forms style.
pub fn sample_spreadsheets() -> Result<[(String, Vec<u8>); 2]> {
    let applications = sample_applications();
    let mut files = Vec::new();
    for (role, file_name) in [
        (Role::Mentor, "Sample mentor applications.csv"),
        (Role::Participant, "Sample participant applications.csv"),
    ] {
        let rows: Vec<&SampleApplication> =
            applications.iter().filter(|a| a.role == role).collect();
        let mut headers: Vec<String> = Vec::new();
        for row in &rows {
            for key in row.raw.keys() {
                if !headers.contains(key) {
                    headers.push(key.clone());
                }
            }
        }
        // Timestamp first, as form tools write it.
        headers.sort_by_key(|h| (h != "Timestamp", h.clone()));
        let mut writer = csv::Writer::from_writer(Vec::new());
        let write_error = |e: csv::Error| {
            crate::Error::Invalid(format!("Could not build the sample spreadsheet: {e}"))
        };
        writer.write_record(&headers).map_err(write_error)?;
        for row in rows {
            writer
                .write_record(
                    headers
                        .iter()
                        .map(|h| row.raw.get(h).map(String::as_str).unwrap_or("")),
                )
                .map_err(write_error)?;
        }
        let bytes = writer.into_inner().map_err(|e| {
            crate::Error::Invalid(format!("Could not build the sample spreadsheet: {e}"))
        })?;
        files.push((file_name.to_string(), bytes));
    }
    let [mentors, participants]: [(String, Vec<u8>); 2] = files
        .try_into()
        .map_err(|_| crate::Error::Invalid("The sample spreadsheets could not be built.".into()))?;
    Ok([mentors, participants])
}

/// Creates the sample program and imports its two spreadsheets through the
/// real import path; if anything fails, the program is removed again.
pub fn load_sample_program(store: &mut Store) -> Result<Program> {
    let existing: Vec<String> = list_programs(store, true)?
        .into_iter()
        .map(|s| s.program.name.to_lowercase())
        .collect();
    let mut name = SAMPLE_PROGRAM_NAME.to_string();
    let mut n = 2;
    while existing.contains(&name.to_lowercase()) {
        name = format!("{SAMPLE_PROGRAM_NAME} {n}");
        n += 1;
    }
    let input = ProgramInput {
        name,
        organization: "Northern Lakes Library Association (fictional)".into(),
        kickoff_date: "2019-05-10".into(),
        kickoff_event: "Leading for Life".into(),
        kickoff_place: "Sugar Lake Lodge, Cohasset MN".into(),
        contact_name: "Mentorship Subcommittee".into(),
        contact_email: "mentoring@example.org".into(),
        ..ProgramInput::default()
    };
    let program = create_program(store, &input)?;
    let imported = (|| -> Result<()> {
        for (role, (file_name, bytes)) in [Role::Mentor, Role::Participant]
            .into_iter()
            .zip(sample_spreadsheets()?)
        {
            let workbook = read_bytes(&file_name, &bytes)?;
            import_workbook(
                store,
                program.id,
                role,
                workbook,
                &file_name,
                &ImportOptions::default(),
                false,
            )?;
        }
        Ok(())
    })();
    if let Err(e) = imported {
        let _ =
            store.write(|tx| Ok(tx.execute("DELETE FROM programs WHERE id = ?1", [program.id])?));
        return Err(e);
    }
    get_program(store, program.id)
}
