//! The service's data, in memory.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use utoipa::ToSchema;
use validator::Validate;

/// A named set of keys, scoped to the tenant.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    /// The bundle's id.
    pub id: String,
    /// Its name, unique in the tenant (`dev/api`).
    pub name: String,
    /// The names of its keys.
    pub keys: Vec<String>,
}

/// The body of `POST /api/v1/bundles`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewBundle {
    /// The bundle's name.
    #[schema(min_length = 1)]
    pub name: String,
}

/// A key of a bundle.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Key {
    /// The key's name (`STRIPE_KEY`).
    pub name: String,
    /// Its value.
    pub value: String,
}

/// The body of `PUT /api/v1/bundles/{id}/keys/{name}`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewKey {
    /// The key's value.
    #[schema(min_length = 1)]
    pub value: String,
}

/// The body of `POST /api/v1/requests`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewRequest {
    /// The id of the bundle whose keys are requested.
    #[schema(min_length = 1)]
    pub bundle: String,
}

/// A request for a bundle's keys, waiting for an owner's approval.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalRequest {
    /// The request's id.
    pub id: String,
    /// The bundle asked for.
    pub bundle: String,
    /// Seconds left before the request expires.
    pub expires_in: u64,
}

/// What a member of the tenant may do.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads bundles and requests keys.
    Member,
    /// Also changes bundles and approves requests.
    Owner,
}

/// The body of `POST /api/v1/members`: checked by `validator` before the handler runs.
#[derive(Debug, Deserialize, ToSchema, Validate)]
pub struct NewMember {
    /// The address the invitation goes to.
    #[validate(email(message = "must be a well-formed email address"))]
    #[schema(format = Email)]
    pub email: String,
    /// What the member may do.
    pub role: Role,
    /// A note for the invitation email.
    #[validate(length(max = 80, message = "must be at most 80 characters"))]
    #[schema(max_length = 80)]
    pub note: Option<String>,
}

/// A member of the tenant.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Member {
    /// Their email address.
    pub email: String,
    /// What they may do.
    pub role: Role,
}

/// How long an approval request lives.
pub const REQUEST_TTL: Duration = Duration::from_secs(300);

/// Everything the service stores.
#[derive(Debug, Default)]
pub struct Store {
    next_id: u64,
    /// Bundles by id.
    pub bundles: BTreeMap<String, StoredBundle>,
    /// Approval requests by id, with the time they were made.
    pub requests: BTreeMap<String, (String, Instant)>,
    /// Members by email address.
    pub members: BTreeMap<String, Member>,
}

/// A bundle as stored: its name and keys.
#[derive(Debug, Default)]
pub struct StoredBundle {
    /// The bundle's name.
    pub name: String,
    /// Key values by name.
    pub keys: BTreeMap<String, String>,
}

impl Store {
    /// A fresh id with `prefix` (`b-1`, `req-2`).
    pub fn new_id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}-{}", self.next_id)
    }

    /// The public view of the bundle `id`.
    pub fn bundle(&self, id: &str) -> Option<Bundle> {
        self.bundles.get(id).map(|stored| Bundle {
            id: id.to_owned(),
            name: stored.name.clone(),
            keys: stored.keys.keys().cloned().collect(),
        })
    }
}
