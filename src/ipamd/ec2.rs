//! The ipamd.go functions that call EC2 (`nodeInit`, `updateIPPoolIfRequired` and the `try…` helpers it
//! runs), as a second `impl` block on the node model: each returns the calls it made as `Action`s.

use super::node::Ipamd;
use super::pool::{self, Why};
use super::trace::{Action, Api, Decision, DecisionKind, Step, Text, Unit};
use super::{NodeNotReady, DECREASE_IP_POOL_INTERVAL};
use crate::warning::Warning;
use crate::words::count;

/// "3 secondary IPs" or "1 /28 prefix", for the mode (`pd`: prefix delegation).
fn cidrs_text(pd: bool, n: i64) -> String {
    if pd {
        count(n, "/28 prefix", "/28 prefixes")
    } else {
        count(n, "secondary IP", "secondary IPs")
    }
}

impl Ipamd<'_> {
    pub(super) fn unit(&self) -> Unit {
        if self.cfg.enable_prefix_delegation {
            Unit::Prefixes
        } else {
            Unit::Ips
        }
    }

    /// `nodeInit`: the primary ENI is there with its primary IP (IPv6: and its /80); with `ENABLE_POD_ENI`
    /// the CNINode is patched first, then `handlePreScaling` runs one increase round (IPv4). IPv6 goes on
    /// to `StartNodeIPPoolManager`, which only polls for the trunk ENI.
    pub(super) fn start(&mut self) -> Result<Step, NodeNotReady> {
        let primary = self.new_eni(true, false);
        let events = vec![Text::from(format!(
            "Node starts: primary ENI eni-0 (device 0) holds the node IP; {} allows {} ENIs of {} IPv4 addresses",
            self.instance.name, self.lim.max_eni, self.instance.ipv4_limit
        ))];
        let mut actions = Vec::new();
        if self.cfg.enable_ipv6 {
            self.ds.enis[primary].ipv6_prefix = true;
            actions.push(Action::new(
                Api::AssignIpv6Addresses,
                "eni-0",
                1,
                Unit::Ipv6Prefix,
                "AssignIpv6Addresses eni-0: one /80 prefix (Ipv6PrefixCount=1)",
            ));
        }
        // nodeInit: "Security Groups for Pods can be enabled" before handlePreScaling.
        if self.cfg.enable_pod_eni {
            actions.extend(self.try_enable_security_groups_for_pods());
        }
        if self.cfg.enable_ipv6 {
            // StartNodeIPPoolManager: the first checkForTrunkENI runs at once.
            actions.extend(self.check_for_trunk_eni());
            let decision = Decision {
                kind: DecisionKind::Ipv6,
                text: "IPv6: one /80 on the primary ENI serves every pod; no warm pool runs (StartNodeIPPoolManager returns at once)"
                    .into(),
            };
            return Ok(self.step(events, decision, actions));
        }
        let mut events = events;
        events.push("handlePreScaling: one increase round before the loop starts".into());
        let stats = self.ds.get_ip_stats(self.now);
        let fp = self.ds.get_free_prefixes();
        let low = pool::pool_too_low(self.cfg, &self.lim, &stats, fp, self.tells());
        let mut text = low.why.clone();
        if low.yes {
            match self.increase_datastore_pool() {
                Ok(a) => actions.extend(a),
                Err(why) => {
                    let low = text;
                    text = self.text(move || format!("{low}; {why}"));
                }
            }
            // handlePreScaling: "If custom networking is enabled and the pool is empty, return an error".
            if self.cfg.use_custom_networking && self.ds.get_ip_stats(self.now).total_ips == 0 {
                return Err(self.custom_networking_failure());
            }
        }
        Ok(self.step(
            events,
            Decision {
                kind: if low.yes {
                    DecisionKind::TooLow
                } else {
                    DecisionKind::Ok
                },
                text,
            },
            actions,
        ))
    }

    /// Why `handlePreScaling` found no ENI for pods under custom networking.
    pub(super) fn custom_networking_failure(&self) -> NodeNotReady {
        let why = if self.instance.eni_limit <= 1 {
            format!("{} takes only one ENI", self.instance.name)
        } else if self.lim.max_eni <= 1 {
            format!("MAX_ENI={} leaves no slot beside the primary ENI", self.lim.max_eni)
        } else {
            format!(
                "of its {} ENI slots the primary takes one and the trunk ENI for security groups for pods holds the other (hasRoomForEni)",
                self.lim.max_eni
            )
        };
        NodeNotReady(format!(
            "aws-node would exit at start-up and the node stay NotReady: under custom networking the primary ENI gives pods no \
             addresses and {why}, so handlePreScaling fails with \"Failed to attach any ENIs for custom networking\"."
        ))
    }

    /// Mirrors `updateIPPoolIfRequired` for network card 0.
    pub(super) fn update_ip_pool_if_required(&mut self) -> (Decision, Vec<Action>) {
        let mut actions = Vec::new();
        if self.cfg.enable_pod_eni && self.cfg.enable_ipv4 && !self.ds.has_trunk() && !self.cni_node_patched {
            if let Some(a) = self.try_enable_security_groups_for_pods() {
                actions.push(a);
            }
        }
        let stats = self.ds.get_ip_stats(self.now);
        let fp = self.ds.get_free_prefixes();
        let low = pool::pool_too_low(self.cfg, &self.lim, &stats, fp, self.tells());
        let decision = if low.yes {
            match self.increase_datastore_pool() {
                Ok(a) => {
                    actions.extend(a);
                    Decision {
                        kind: DecisionKind::TooLow,
                        text: low.why,
                    }
                }
                Err(why) => Decision {
                    kind: DecisionKind::TooLow,
                    text: self.text(move || format!("{}; {why}", low.why)),
                },
            }
        } else {
            let high = pool::pool_too_high(self.cfg, &stats, fp, self.tells());
            let kind = if stats.total_ips >= self.lim.max_pods {
                DecisionKind::MaxPods
            } else {
                DecisionKind::Ok
            };
            if !high.yes {
                Decision { kind, text: low.why }
            } else if let Some(last) = self
                .last_decrease
                .filter(|&t| self.now - t <= DECREASE_IP_POOL_INTERVAL)
            {
                let ago = self.now - last;
                Decision {
                    kind: DecisionKind::DecreaseWait,
                    text: self
                        .text(move || format!("{}, but the last decrease was {ago} s ago (≤ 30 s): wait", high.why)),
                }
            } else {
                actions.extend(self.try_unassign_cidrs_from_all());
                self.last_decrease = Some(self.now);
                Decision {
                    kind: DecisionKind::TooHigh,
                    text: high.why,
                }
            }
        };
        if pool::should_remove_extra_enis(self.cfg, &self.lim, &stats, self.ds.check_freeable_eni_exists()) {
            actions.extend(self.try_free_eni());
        }
        (decision, actions)
    }

    /// Mirrors `tryEnableSecurityGroupsForPods`: with IPv4, patch CNINode only while an ENI slot is free
    /// (`ipamd.go` 1469: `if c.enableIPv4 && …GetENIs() >= c.maxENI − unmanaged`); with IPv6 always.
    pub(super) fn try_enable_security_groups_for_pods(&mut self) -> Option<Action> {
        if self.cfg.enable_ipv4 && self.ds.enis.len() as i64 >= self.lim.max_eni {
            if !self.warnings.iter().any(|w| w.code == "no-trunk-slot") {
                self.warnings.push(Warning::new(
                    "no-trunk-slot",
                    format!(
                        "No slot available for a trunk ENI to be attached: all {} ENIs are in use, so security groups for pods never turn on.",
                        self.lim.max_eni
                    ),
                ));
            }
            return None;
        }
        self.cni_node_patched = true;
        if !self.instance.is_trunking_compatible() {
            self.warnings.push(Warning::new(
                "not-trunk-compatible",
                format!(
                    "{} is not trunking compatible: the VPC resource controller attaches no trunk ENI.",
                    self.instance.name
                ),
            ));
        }
        Some(Action::new(
            Api::CniNodeUpdate,
            "",
            0,
            Unit::None,
            "CNINode gets the SecurityGroupsForPods feature: the VPC resource controller will attach a trunk ENI",
        ))
    }

    /// Mirrors `increaseDatastorePool`: top up an existing ENI first, else attach a new one. An `Err`
    /// says why nothing was added, written only when called.
    pub(super) fn increase_datastore_pool(&mut self) -> Result<Vec<Action>, Why> {
        let added = if self.cfg.enable_prefix_delegation {
            self.try_assign_prefixes()
        } else {
            self.try_assign_ips()
        };
        if let Some(a) = added {
            return Ok(vec![a]);
        }
        if self.has_room_for_eni() {
            return self.try_allocate_eni();
        }
        let reserve = if self.trunk_reserved() {
            " (one slot held for the trunk ENI)"
        } else {
            ""
        };
        Err(Why::NoRoom {
            in_use: self.ds.enis.len(),
            max_eni: self.lim.max_eni,
            reserve,
        })
    }

    /// The `DescribeNetworkInterfaces` (`DescribeAllENIs`) that notices the trunk ENI: IPv6's
    /// `checkForTrunkENI`, every pass until the trunk is there; IPv4's `nodeIPPoolReconcile`, once, when an
    /// ENI that ipamd did not attach shows up.
    pub(super) fn check_for_trunk_eni(&mut self) -> Option<Action> {
        let polling = self.cfg.enable_ipv6 && self.cfg.enable_pod_eni && !self.trunk_seen;
        let found = self.ds.has_trunk() && !self.trunk_seen;
        if !(polling || found) {
            return None;
        }
        self.trunk_seen = self.ds.has_trunk();
        let text = match (self.cfg.enable_ipv6, found) {
            (true, true) => "DescribeNetworkInterfaces (checkForTrunkENI): the trunk ENI is there; the wait ends",
            (true, false) => "DescribeNetworkInterfaces (checkForTrunkENI): no trunk ENI yet; again in 5 s",
            _ => "DescribeNetworkInterfaces (nodeIPPoolReconcile): a new ENI not attached by ipamd, the trunk ENI",
        };
        Some(Action::new(Api::DescribeNetworkInterfaces, "", 0, Unit::None, text))
    }

    pub(super) fn trunk_reserved(&self) -> bool {
        self.cfg.enable_pod_eni && !self.ds.has_trunk() && self.instance.is_trunking_compatible()
    }

    /// Mirrors `hasRoomForEni`.
    pub(super) fn has_room_for_eni(&self) -> bool {
        (self.ds.enis.len() as i64) < self.lim.max_eni - i64::from(self.trunk_reserved())
    }

    /// Mirrors `tryAssignIPs`: on the first allocatable ENI, `min(M − entries, toAllocate)` IPs.
    pub(super) fn try_assign_ips(&mut self) -> Option<Action> {
        let stats = self.ds.get_ip_stats(self.now);
        let ts = pool::datastore_target_state(self.cfg, &stats, self.ds.get_free_prefixes());
        if ts.is_some_and(|t| t.short == 0) {
            return None;
        }
        let to_allocate = ts.map_or(self.lim.max_ips_per_eni, |t| t.short);
        self.assign_on_first_allocatable(self.lim.max_ips_per_eni, to_allocate)
    }

    /// Mirrors `tryAssignPrefixes`: on the first allocatable ENI, `min(PFX − entries, getPrefixesNeeded)`.
    pub(super) fn try_assign_prefixes(&mut self) -> Option<Action> {
        let stats = self.ds.get_ip_stats(self.now);
        let to_allocate = pool::get_prefixes_needed(self.cfg, &stats, self.ds.get_free_prefixes());
        self.assign_on_first_allocatable(self.lim.max_prefixes_per_eni, to_allocate)
    }

    pub(super) fn assign_on_first_allocatable(&mut self, max_entries: i64, to_allocate: i64) -> Option<Action> {
        // ENIs oldest first (tight packing, nothing allocated) or shuffled (random).
        let (n, skip_primary, ds) = (self.ds.enis.len(), self.cfg.use_custom_networking, &self.ds);
        let allocatable = |i: &usize| ds.is_allocatable(*i, max_entries, skip_primary);
        let idx = match &mut self.rng {
            None => (0..n).find(allocatable),
            Some(rng) => rng.shuffled(n).into_iter().find(allocatable),
        }?;
        let entries = self.ds.enis[idx].cidrs.len() as i64;
        // AllocIPAddresses clamps to IPv4Limit − 1.
        let n = (max_entries - entries)
            .min(to_allocate)
            .min(self.lim.ipv4_limit_minus_one);
        let pd = self.cfg.enable_prefix_delegation;
        self.ds.add_cidrs(idx, n, pd);
        let eni = self.eni_name(idx);
        let text = self.text_on(&eni, move |eni| {
            format!("AssignPrivateIpAddresses {eni}: {}", cidrs_text(pd, n))
        });
        Some(Action::new(Api::AssignPrivateIpAddresses, eni, n, self.unit(), text))
    }

    /// Mirrors `GetENIResourcesToAllocate`.
    pub(super) fn get_eni_resources_to_allocate(&self) -> i64 {
        let stats = self.ds.get_ip_stats(self.now);
        let fp = self.ds.get_free_prefixes();
        if self.cfg.enable_prefix_delegation {
            pool::get_prefixes_needed(self.cfg, &stats, fp).min(self.lim.max_prefixes_per_eni)
        } else {
            pool::datastore_target_state(self.cfg, &stats, fp).map_or(self.lim.max_ips_per_eni, |t| t.short)
        }
    }

    /// Mirrors `tryAllocateENI`: `CreateNetworkInterface` with the resources, then attach.
    pub(super) fn try_allocate_eni(&mut self) -> Result<Vec<Action>, Why> {
        let resources = self.get_eni_resources_to_allocate();
        if resources <= 0 {
            return Err(Why::NothingNeeded);
        }
        // createENI clamps the count to IPv4Limit − 1.
        let n = resources.min(self.lim.ipv4_limit_minus_one);
        let idx = self.new_eni(false, false);
        let pd = self.cfg.enable_prefix_delegation;
        self.ds.add_cidrs(idx, n, pd);
        let eni = self.eni_name(idx);
        let subnet = if self.cfg.use_custom_networking {
            " in the ENIConfig subnet"
        } else {
            ""
        };
        let text = self.text_on(&eni, move |eni| {
            format!(
                "CreateNetworkInterface {eni}{subnet}: primary IP + {}",
                cidrs_text(pd, n)
            )
        });
        let device = self.ds.enis.len() - 1;
        // AllocENI: createENI, attachENI, then ModifyNetworkInterfaceAttribute for DeleteOnTermination.
        Ok(vec![
            Action::new(Api::CreateNetworkInterface, &eni, n, self.unit(), text),
            self.plain_call(Api::AttachNetworkInterface, &eni, move || {
                format!("device index {device}")
            }),
            self.plain_call(Api::ModifyNetworkInterfaceAttribute, &eni, || {
                "DeleteOnTermination=true".into()
            }),
        ])
    }

    /// Mirrors `tryUnassignCidrsFromAll`: release up to `over` pod-free CIDRs, ENI by ENI.
    pub(super) fn try_unassign_cidrs_from_all(&mut self) -> Vec<Action> {
        let stats = self.ds.get_ip_stats(self.now);
        let fp = self.ds.get_free_prefixes();
        let mut over = match pool::datastore_target_state(self.cfg, &stats, fp) {
            Some(ts) => ts.over,
            None => pool::compute_extra_prefixes_over_warm_target(self.cfg, fp),
        };
        let mut actions = Vec::new();
        if over <= 0 {
            return actions;
        }
        let order = self.release_order(self.ds.enis.len());
        for idx in order {
            let mut cidrs = self.ds.find_freeable_cidrs(idx);
            match &mut self.rng {
                Some(r) => r.shuffle(&mut cidrs),
                None => cidrs.reverse(),
            }
            cidrs.truncate(over.min(cidrs.len() as i64) as usize);
            if cidrs.is_empty() {
                continue;
            }
            let n = cidrs.len() as i64;
            self.ds.remove_cidrs(idx, &cidrs);
            let eni = self.eni_name(idx);
            let pd = self.cfg.enable_prefix_delegation;
            let text = self.text_on(&eni, move |eni| {
                format!(
                    "UnassignPrivateIpAddresses {eni}: {} back to the subnet",
                    cidrs_text(pd, n)
                )
            });
            actions.push(Action::new(Api::UnassignPrivateIpAddresses, eni, n, self.unit(), text));
            over -= n;
            if over <= 0 {
                break;
            }
        }
        actions
    }

    /// Mirrors `tryFreeENI` → `RemoveUnusedENIFromStore`: at most one ENI per pass.
    /// `FreeENI` makes three calls: `DescribeNetworkInterfaces` for the attachment ID, `DetachNetworkInterface`,
    /// `DeleteNetworkInterface`.
    pub(super) fn try_free_eni(&mut self) -> Vec<Action> {
        let order = self.release_order(self.ds.enis.len());
        let Some(idx) = self.ds.get_deletable_eni(
            &order,
            self.now,
            self.cfg.warm_ip_target,
            self.cfg.minimum_ip_target,
            self.cfg.warm_prefix_target,
        ) else {
            return Vec::new();
        };
        let eni = self.eni_name(idx);
        let removed = self.ds.remove_eni(idx);
        let held: i64 = removed.cidrs.iter().map(|c| c.size()).sum();
        vec![
            self.plain_call(Api::DescribeNetworkInterfaces, &eni, || {
                "its attachment ID (getENIAttachmentID)".into()
            }),
            self.plain_call(Api::DetachNetworkInterface, &eni, || "no pods, ≥ 60 s old".into()),
            self.plain_call(Api::DeleteNetworkInterface, &eni, move || {
                format!("its primary IP and {held} addresses go back to the subnet")
            }),
        ]
    }

    /// An EC2 call on one ENI that moves no addresses: `"{api} {eni}: {what}"` (no text under `Detail::Summary`).
    fn plain_call(&self, api: Api, eni: &str, what: impl Fn() -> String + Send + Sync + 'static) -> Action {
        let text = self.text_on(eni, move |eni| format!("{api} {eni}: {}", what()));
        Action::new(api, eni, 0, Unit::None, text)
    }
}
