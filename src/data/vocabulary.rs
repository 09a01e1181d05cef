//! The closed vocabularies of the dataset format: each enum's JSON names, the words a reader
//! sees, and the full list, declared once.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Declares a closed vocabulary: serde names, display words and the full list in one place.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $json:literal / $words:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema)]
        pub enum $name {
            $(#[serde(rename = $json)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written in the JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $json),+ }
            }

            /// The value as a reader should see it.
            pub fn words(self) -> &'static str {
                match self { $($name::$variant => $words),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.words())
            }
        }
    };
}

vocabulary! {
    /// How an implication travels across the border.
    Channel {
        Energy = "energy" / "energy",
        Trade = "trade" / "trade",
        Investment = "investment" / "investment",
        Finance = "finance" / "finance",
        Security = "security" / "security",
        Migration = "migration" / "migration",
        Technology = "technology" / "technology",
        Environment = "environment" / "environment",
        Diplomacy = "diplomacy" / "diplomacy",
        Information = "information" / "information",
        Food = "food" / "food",
        Health = "health" / "health",
        Infrastructure = "infrastructure" / "infrastructure",
        Humanitarian = "humanitarian" / "humanitarian",
        Legal = "legal" / "law and sanctions",
    }
}

vocabulary! {
    /// When an implication is expected to bite.
    Horizon {
        Short = "short" / "short term (months)",
        Medium = "medium" / "medium term (1-3 years)",
        Long = "long" / "long term (over 3 years)",
    }
}

vocabulary! {
    /// The ICD-203 words of estimative probability.
    Likelihood {
        AlmostNoChance = "almost-no-chance" / "almost no chance",
        VeryUnlikely = "very-unlikely" / "very unlikely",
        Unlikely = "unlikely" / "unlikely",
        RoughlyEven = "roughly-even" / "roughly even chance",
        Likely = "likely" / "likely",
        VeryLikely = "very-likely" / "very likely",
        AlmostCertain = "almost-certain" / "almost certain",
    }
}

vocabulary! {
    /// How much the analysis trusts its own judgement (ICD-203 confidence levels).
    Confidence {
        Low = "low" / "low confidence",
        Moderate = "moderate" / "moderate confidence",
        High = "high" / "high confidence",
    }
}

vocabulary! {
    /// How an implication read as a forecast turned out.
    OutcomeStatus {
        Happened = "happened" / "happened",
        Partly = "partly" / "partly happened",
        DidNot = "did-not" / "did not happen",
        Open = "open" / "still open",
    }
}

vocabulary! {
    /// Where a sentence of an imported text went.
    SentenceLens {
        Background = "background" / "background",
        Perspective = "perspective" / "perspective",
        Geopolitical = "geopolitical" / "geopolitical lens",
        Cultural = "cultural" / "cultural lens",
        Actors = "actors" / "key actors",
        Implications = "implications" / "implications",
        RegionalImpact = "regional_impact" / "regional impact",
        Outlook = "outlook" / "outlook",
        Challenges = "challenges" / "challenges",
        Other = "other" / "other lens",
        Summary = "summary" / "summary",
    }
}

vocabulary! {
    /// How sure an import is of a sentence's lens: a cue phrase said it, its position in the
    /// text did (the opening is background), or it was guessed from its words or its neighbour.
    LensConfidence {
        Cue = "cue" / "cue phrase",
        Position = "position" / "position",
        Guessed = "guessed" / "guessed",
    }
}

vocabulary! {
    /// How an analysis's event date is known.
    DateBasis {
        Stated = "stated" / "stated by the sources",
        Inferred = "inferred" / "inferred",
    }
}

// Not derived: the vocabulary macro writes the enum, and has no place for `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for DateBasis {
    fn default() -> DateBasis {
        DateBasis::Stated
    }
}

impl DateBasis {
    pub fn is_stated(&self) -> bool {
        *self == DateBasis::Stated
    }
}

vocabulary! {
    ActorKind {
        Person = "person" / "person",
        Government = "government" / "government",
        Agency = "agency" / "state agency",
        Organization = "organization" / "international organization",
        Bloc = "bloc" / "bloc or alliance",
        Company = "company" / "company",
        Party = "party" / "political party",
        ArmedGroup = "armed-group" / "armed group",
        Ngo = "ngo" / "non-governmental organization",
        Group = "group" / "community or interest group",
    }
}

vocabulary! {
    PlaceKind {
        Country = "country" / "country",
        Region = "region" / "region",
        Bloc = "bloc" / "bloc",
        Waterway = "waterway" / "waterway",
    }
}
