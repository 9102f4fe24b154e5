#include "models/parameters/parameters.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace clustersim::parameters {
namespace {

using P = ModelParams;
constexpr std::string_view kAssumption = "modelling assumption; see docs/MODEL.md";

// clang-format off
const std::array kTable = {
  // ---- knowledge ----
  ParamSpec{"knowledge_fields", &P::knowledge_fields, 8, 1, 64, "fields",
            "technology fields in every agent's knowledge vector", "model design: F technology fields (default 8)", "knowledge"},
  ParamSpec{"initial_knowledge", &P::initial_knowledge, 1.0, 0, 1e6, "knowledge units",
            "upper bound of the uniform initial stock in each field", kAssumption, "knowledge"},
  ParamSpec{"rd_efficiency", &P::rd_efficiency, 2.0, 0, 1e6, "knowledge units / (year * person^0.5)",
            "knowledge a firm adds per year per unit of R&D intensity and square root of staff", kAssumption, "knowledge"},
  ParamSpec{"rd_primary_field_share", &P::rd_primary_field_share, 0.7, 0, 1, "1",
            "share of a firm's own R&D output that goes to its primary field (the rest to one field drawn at random each tick)", kAssumption, "knowledge"},
  ParamSpec{"university_research_rate", &P::university_research_rate, 1.0, 0, 1e6, "knowledge units / year",
            "basic research a university adds to every field per year", kAssumption, "knowledge"},
  ParamSpec{"knowledge_depreciation", &P::knowledge_depreciation, 0.15, 0, 1, "1 / year",
            "share of knowledge stock that becomes obsolete per year",
            "Hall, Mairesse & Mohnen (2010), Handbook of the Economics of Innovation 2: 15%/year R&D capital depreciation", "knowledge"},
  ParamSpec{"absorption_rate", &P::absorption_rate, 0.5, 0, 4, "1 / year",
            "share of a partner's knowledge lead absorbed per year over a tie of strength 1, at full absorptive capacity and the best cognitive distance", kAssumption, "knowledge"},
  ParamSpec{"absorptive_knowledge_scale", &P::absorptive_knowledge_scale, 2.0, 0, 1e6, "knowledge units",
            "mean own knowledge per field that raises absorptive capacity by one e-fold (0: knowledge does not count)",
            "concept: Cohen & Levinthal (1990), ASQ 35:128; functional form and size: assumption", "knowledge"},
  ParamSpec{"absorptive_staff_scale", &P::absorptive_staff_scale, 5.0, 0, 1e6, "persons",
            "R&D staff (R&D intensity x staff) that raises absorptive capacity by one e-fold (0: staff does not count)",
            "concept: Cohen & Levinthal (1990), ASQ 35:128; functional form and size: assumption", "knowledge"},
  ParamSpec{"cognitive_distance_limit", &P::cognitive_distance_limit, 0.6, 0, 1, "1",
            "cognitive distance (1 - cosine of knowledge profiles) beyond which nothing is absorbed; learning peaks at half of it",
            "inverted U: Nooteboom et al. (2007), Research Policy 36:1016; cut-off value: assumption", "knowledge"},
  ParamSpec{"university_flow_boost", &P::university_flow_boost, 1.0, 0, 100, "1",
            "extra rate (x(1+b)) of knowledge flow over ties with a university, both ways and in tie valuation (no other path: a region that hosts a university gains nothing from it without a tie, except through graduates)", kAssumption, "knowledge"},
  // ---- innovation ----
  ParamSpec{"exploration_rate", &P::exploration_rate, 0.5, 0, 100, "1 / year",
            "exploration (new-combination) hazard per unit of what the firm can recombine (own_exploration_weight for its own stock, plus what partners bring) at full absorptive capacity",
            "exploration/exploitation: March (1991), Organization Science 2:71; Hua et al. (2022); size: assumption", "innovation"},
  ParamSpec{"exploration_step", &P::exploration_step, 0.5, 0, 100, "1",
            "knowledge an exploration adds to the field its best partner is relatively strong in, as a multiple of (1 + the firm's mean knowledge)", kAssumption, "innovation"},
  ParamSpec{"own_exploration_weight", &P::own_exploration_weight, 0.25, 0, 100, "1",
            "what a firm's own stock brings to exploration, in units of a partner at the best cognitive distance with full attention (new combinations come mostly from outside)",
            "direction: recombination of distant knowledge, Fleming (2001), Management Science 47:117; size: assumption", "innovation"},
  ParamSpec{"exploitation_rate", &P::exploitation_rate, 0.2, 0, 100, "1 / year",
            "exploitation (improvement) hazard of an isolated firm at full absorptive capacity; partners add their strength times their absorbability (close partners count most), times the attention share",
            "exploration/exploitation: March (1991), Organization Science 2:71; Hua et al. (2022); size: assumption", "innovation"},
  ParamSpec{"exploitation_step", &P::exploitation_step, 0.2, 0, 100, "1",
            "knowledge an exploitation adds to the firm's primary field, as a multiple of (1 + its mean knowledge)", kAssumption, "innovation"},
  ParamSpec{"homogenisation_strength", &P::homogenisation_strength, 1.0, 0, 1, "1",
            "how much a partner's closeness lowers what it brings to exploration: 1 gives the inverted U of cognitive distance (a near-copy brings nothing new), 0 lets closeness cost nothing",
            "inverted U: Nooteboom et al. (2007), Research Policy 36:1016; blend: assumption", "innovation"},
  ParamSpec{"partner_attention", &P::partner_attention, 5, 0, 1e4, "links",
            "ties (in strength) at which half of a firm's attention to recombination is spent: what partners bring to innovation saturates at about this many partners' worth",
            "limited attention: Ocasio (1997), Strategic Management Journal 18:187; diminishing returns to ties: Ahuja (2000), ASQ 45:425; size: assumption", "innovation"},
  ParamSpec{"coordination_cost_strength", &P::coordination_cost_strength, 1.0, 0, 100, "1",
            "growth of a tie's cost with the firm's local clustering, the redundancy of a closed group (0: flat link cost)", kAssumption, "innovation"},
  // ---- production ----
  ParamSpec{"productivity", &P::productivity, 5.0, 0, 1e6, "million tenge / (year * person^labour_elasticity)",
            "total factor productivity of an IT firm", kAssumption, "production"},
  ParamSpec{"productivity_shock_sd", &P::productivity_shock_sd, 0.2, 0, 5, "1 (log scale, per year^0.5)",
            "standard deviation of a firm's idiosyncratic log value-added shock", kAssumption, "production"},
  ParamSpec{"productivity_dispersion", &P::productivity_dispersion, 0.35, 0, 3, "1 (log scale)",
            "standard deviation of the log of a firm's persistent productivity (its ability), drawn once at birth from a lognormal with mean 1; 0: every firm has productivity 1",
            "persistent heterogeneous ability with selection: Jovanovic (1982), Econometrica 50:649; lognormal, mean 1: modelling assumption; size: calibrated to business-demography survival (docs/EXPERIMENTS.md)", "production"},
  ParamSpec{"fixed_cost", &P::fixed_cost, 3.0, 0, 1e6, "million tenge / year",
            "operating cost of a firm that does not grow with staff or output (rent, licences, accounting, management): the reason small unproductive firms lose money",
            "modelling assumption, of the order of one IT salary a year; calibrated to business-demography survival (docs/EXPERIMENTS.md)", "production"},
  ParamSpec{"labour_elasticity", &P::labour_elasticity, 0.9, 0, 1, "1",
            "output elasticity of staff (below 1: decreasing returns bound firm size)", kAssumption, "production"},
  ParamSpec{"knowledge_elasticity", &P::knowledge_elasticity, 0.3, 0, 2, "1",
            "output elasticity of (1 + mean knowledge)", kAssumption, "production"},
  ParamSpec{"hard_factor_sensitivity_product", &P::hard_factor_sensitivity_product, 0.4, 0, 10, "1",
            "value-added gain of a product (hardware) firm per unit of the region's hard factor",
            "direction: Kireyeva & Tsoi (2018) hypothesis; size: assumption", "production"},
  ParamSpec{"soft_factor_sensitivity_product", &P::soft_factor_sensitivity_product, 0.1, 0, 10, "1",
            "value-added gain of a product firm per unit of the region's soft factor",
            "direction: Kireyeva & Tsoi (2018) hypothesis; size: assumption", "production"},
  ParamSpec{"hard_factor_sensitivity_content", &P::hard_factor_sensitivity_content, 0.1, 0, 10, "1",
            "value-added gain of a content (software) firm per unit of the region's hard factor",
            "direction: Kireyeva & Tsoi (2018) hypothesis; size: assumption", "production"},
  ParamSpec{"soft_factor_sensitivity_content", &P::soft_factor_sensitivity_content, 0.4, 0, 10, "1",
            "value-added gain of a content firm per unit of the region's soft factor",
            "direction: Kireyeva & Tsoi (2018) hypothesis; size: assumption", "production"},
  ParamSpec{"product_firm_share", &P::product_firm_share, 0.3, 0, 1, "1",
            "share of firms (initial and new) that make IT products rather than content", kAssumption, "production"},
  ParamSpec{"wage", &P::wage, 3.0, 0, 1e6, "million tenge / (person * year)",
            "annual wage per employee in every region at the start (wages then follow the regional labour market)", "order of magnitude of IT wages in Kazakhstan; assumption", "production"},
  ParamSpec{"rd_intensity", &P::rd_intensity, 0.05, 0, 1, "1",
            "share of value added a firm spends on R&D", kAssumption, "production"},
  ParamSpec{"employment_adjustment", &P::employment_adjustment, 0.5, 0, 10, "1 / year",
            "speed at which staff follows the profit margin", kAssumption, "production"},
  ParamSpec{"large_firm_threshold", &P::large_firm_threshold, 250, 1, 1e7, "persons",
            "staff at which an SME becomes a large firm",
            "EU SME definition, Recommendation 2003/361/EC; Kazakhstan's Entrepreneurial Code uses the same bound", "production"},
  ParamSpec{"capital_elasticity", &P::capital_elasticity, 0.1, 0, 1, "1",
            "output elasticity of (1 + capital per employee in million tenge)", kAssumption, "production"},
  ParamSpec{"supplier_demand_bonus", &P::supplier_demand_bonus, 0.05, 0, 10, "1",
            "value-added gain of an SME per supplier tie to a buyer whose value added is supplier_demand_reference (stable demand; the gain scales with the buyer's value added, up to 4 times)", kAssumption, "production"},
  ParamSpec{"supplier_demand_reference", &P::supplier_demand_reference, 3000, 1e-6, 1e12, "million tenge / year",
            "buyer value added at which a supplier tie brings an SME supplier_demand_bonus: demand links pass a buyer's growth to its suppliers, wherever they are", kAssumption, "production"},
  ParamSpec{"scaleup_growth_boost", &P::scaleup_growth_boost, 1.0, 0, 100, "1",
            "relative rise of the speed at which profitable firms add staff in a region at stage 3 or 4 (access to scale-up finance)",
            "stage 3, breakthrough: 'fast-growing IT firms scale' (Kireyeva & Tsoi 2018); size: assumption", "production"},
  // ---- labour ----
  ParamSpec{"labour_pool_per_million", &P::labour_pool_per_million, 2000, 0, 1e6, "persons / million persons",
            "skilled workers looking for IT jobs at the start, per million inhabitants", kAssumption, "labour"},
  ParamSpec{"graduates_per_university", &P::graduates_per_university, 200, 0, 1e6, "persons / (university * year)",
            "IT graduates a university adds to its region's pool per year", kAssumption, "labour"},
  ParamSpec{"labour_attrition", &P::labour_attrition, 0.1, 0, 10, "1 / year",
            "share of the pool that leaves the IT labour force per year (other jobs, retirement)", kAssumption, "labour"},
  ParamSpec{"migration_rate", &P::migration_rate, 0.5, 0, 100, "1 / year",
            "share of a pool moving per year per unit of relative wage gap, shared among the destinations by distance deterrence", kAssumption, "labour"},
  ParamSpec{"migration_distance_scale_km", &P::migration_distance_scale_km, 500, 1, 1e6, "km",
            "distance over which a destination's pull on migrants falls by a factor e (exp(-d/D) deterrence; very large: distance does not matter)",
            "form: exponential distance deterrence of gravity (spatial interaction) models of migration, Wilson (1971), Environment and Planning 3:1; size: modelling assumption", "labour"},
  ParamSpec{"hire_knowledge_transfer", &P::hire_knowledge_transfer, 0.5, 0, 1, "1",
            "share of the knowledge gap to the regional pool that a firm absorbs per unit share of new staff, at full absorptive capacity (0: hires carry no knowledge)",
            "concept: learning by hiring, Song, Almeida & Wu (2003), Management Science 49:351; size: modelling assumption", "labour"},
  ParamSpec{"graduate_knowledge_share", &P::graduate_knowledge_share, 0.3, 0, 1, "1",
            "share of their university's knowledge per field that graduates bring into the pool", kAssumption, "labour"},
  ParamSpec{"wage_adjustment", &P::wage_adjustment, 0.2, 0, 10, "1 / year",
            "relative wage change per year at full labour-market tension (demand only, no pool)", kAssumption, "labour"},
  // ---- network ----
  ParamSpec{"link_formation_rate", &P::link_formation_rate, 1.0, 0, 100, "1 / year",
            "expected partner searches per agent per year", kAssumption, "network"},
  ParamSpec{"triadic_closure_share", &P::triadic_closure_share, 0.5, 0, 1, "1",
            "share of partner searches that look among partners' partners", kAssumption, "network"},
  ParamSpec{"max_partners", &P::max_partners, 60, 1, 10000, "links",
            "most partners an agent may have (a bound on memory, not a behaviour: at the defaults the value of ties limits degree well below it)", kAssumption, "network"},
  ParamSpec{"link_cost", &P::link_cost, 0.5, 0, 1e6, "million tenge / (link * year)",
            "yearly cost to a firm of keeping one local partnership with no clustering (staff time, meetings)", kAssumption, "network"},
  ParamSpec{"tie_distance_cost_km", &P::tie_distance_cost_km, 1000, 0, 1e6, "km",
            "distance at which a tie costs twice as much as a local one (travel, coordination); 0: distance costs nothing", kAssumption, "network"},
  ParamSpec{"link_decay", &P::link_decay, 0.2, 0, 10, "1 / year",
            "rate at which tie strength fades", kAssumption, "network"},
  ParamSpec{"link_dissolve_below", &P::link_dissolve_below, 0.1, 0, 1, "1",
            "tie strength below which a partnership dissolves", kAssumption, "network"},
  ParamSpec{"partner_candidates", &P::partner_candidates, 3, 1, 100, "agents",
            "candidates a search looks at before it picks the best", kAssumption, "network"},
  ParamSpec{"cross_region_search_share", &P::cross_region_search_share, 0.1, 0, 1, "1",
            "share of non-triadic candidates drawn from the whole country instead of the own region", kAssumption, "network"},
  ParamSpec{"value_chain_search_boost", &P::value_chain_search_boost, 1.0, 0, 100, "1",
            "relative rise of cross_region_search_share for firms in a region at stage 4 (integration into wider value chains)",
            "stage 4, maturity: 'integration into international value chains' (Kireyeva & Tsoi 2018); size: assumption", "network"},
  ParamSpec{"complementarity_weight", &P::complementarity_weight, 0.5, 0, 100, "1",
            "score bonus of a candidate whose primary field or agent kind differs", kAssumption, "network"},
  ParamSpec{"prior_tie_weight", &P::prior_tie_weight, 1.0, 0, 100, "1",
            "score bonus of a former partner", kAssumption, "network"},
  ParamSpec{"prior_tie_memory", &P::prior_tie_memory, 2.0, 0, 100, "years",
            "how long a dissolved tie is remembered", kAssumption, "network"},
  ParamSpec{"closure_weight", &P::closure_weight, 0.5, 0, 100, "1",
            "score bonus of a candidate found through a partner (triadic closure)", kAssumption, "network"},
  ParamSpec{"link_reinforcement", &P::link_reinforcement, 2.0, 0, 100, "1 / year",
            "strength a tie gains per year of use, times the learning effect of the partners' cognitive distance", kAssumption, "network"},
  ParamSpec{"supplier_acceptance_large", &P::supplier_acceptance_large, 0.3, 0, 1, "1",
            "probability that a large firm accepts an SME as supplier (SMEs look risky)", kAssumption, "network"},
  ParamSpec{"supplier_acceptance_sme", &P::supplier_acceptance_sme, 0.5, 0, 1, "1",
            "probability that an SME commits to supplying a large firm (no stable demand)", kAssumption, "network"},
  ParamSpec{"initial_tie_strength_min", &P::initial_tie_strength_min, 0.2, 0, 1, "1",
            "initial ties get a strength drawn uniformly between this and 1", kAssumption, "network"},
  ParamSpec{"initial_tie_age_max", &P::initial_tie_age_max, 4, 0, 100, "years",
            "initial ties get an age drawn uniformly between 0 and this", kAssumption, "network"},
  // ---- demography ----
  ParamSpec{"startup_rate", &P::startup_rate, 10.0, 0, 1e6, "firms / (million persons * year)",
            "startups per year per million inhabitants, scaled by the entrepreneurial climate (startup_climate_base + soft factor)", kAssumption, "demography"},
  ParamSpec{"startup_climate_base", &P::startup_climate_base, 0.5, 0, 10, "1",
            "entrepreneurial climate of a region whose soft factor and policy bonus are 0 (the startup rate's multiplier there)", kAssumption, "demography"},
  ParamSpec{"spinoff_research_yield", &P::spinoff_research_yield, 0.0625, 0, 1e3, "firms / knowledge unit",
            "university spin-offs per knowledge unit the region's universities created in research over the last tick (at the defaults, 8 units a year per university: 0.5 spin-offs per university and year)", kAssumption, "demography"},
  ParamSpec{"spinoff_knowledge_share", &P::spinoff_knowledge_share, 0.5, 0, 1, "1",
            "share of its university's knowledge stock in every field that a spin-off starts with", kAssumption, "demography"},
  ParamSpec{"startup_employees", &P::startup_employees, 5, 1, 1e6, "persons",
            "staff of a new firm", kAssumption, "demography"},
  ParamSpec{"startup_capital", &P::startup_capital, 5.0, 0, 1e9, "million tenge",
            "capital of a new firm (initial firms get it in proportion to their staff)", kAssumption, "demography"},
  ParamSpec{"exit_hazard", &P::exit_hazard, 0.03, 0, 10, "1 / year",
            "hazard of exit for reasons outside the model (owner retires, firm is acquired or merged), for every firm whatever its age and results; firms also exit when their capital is exhausted",
            "modelling assumption: small, so that survival follows from losses and capital (docs/MODEL.md 7.5); 0.03 leaves 94% of firms after 2 years, 89% after 4", "demography"},
  ParamSpec{"relocation_rate", &P::relocation_rate, 0.05, 0, 10, "1 / year",
            "share of firms per year that compare regions and may relocate", kAssumption, "demography"},
  ParamSpec{"relocation_threshold", &P::relocation_threshold, 0.2, 0, 100, "1",
            "relative gain in attractiveness a region must offer before a firm moves there", kAssumption, "demography"},
  ParamSpec{"pole_weight", &P::pole_weight, 1.0, 0, 100, "1",
            "weight of a region's share of national IT value added in its attractiveness (growth-pole pull)", kAssumption, "demography"},
  ParamSpec{"relocation_half_distance_km", &P::relocation_half_distance_km, 1000, 1e-6, 1e6, "km",
            "distance at which a relocating firm weighs a region's attractiveness half (moving far costs contacts, staff and customers)", kAssumption, "demography"},
  ParamSpec{"university_pull", &P::university_pull, 0.5, 0, 100, "1",
            "rise of a region's attractiveness to relocating firms with university proximity, u/(1 + u) for u universities",
            "direction: proximity to universities is a soft factor (shared/DESIGN.md); size: assumption", "demography"},
  ParamSpec{"relocation_wage_weight", &P::relocation_wage_weight, 1.0, 0, 10, "1",
            "elasticity of a region's attractiveness to relocating firms with respect to its IT wage relative to the national mean (labour costs push firms out of high-wage regions)",
            "direction: Hirschman (1958), trickle-down from poles through factor costs; size: assumption", "demography"},
  ParamSpec{"mentoring_share", &P::mentoring_share, 0.5, 0, 1, "1",
            "share of startups that a region at stage 2 or later gives a tie to an established local firm at birth (the ecosystem absorbs them)",
            "stage 2, ecosystem formation: 'startups, SMEs and fast-growing firms live in symbiosis' (Kireyeva & Tsoi 2018); size: assumption", "demography"},
  // ---- institutions: stages (models/institutions/stages.cpp) ----
  ParamSpec{"stage_advance_ticks", &P::stage_advance_ticks, 4, 1, 10000, "ticks",
            "ticks in a row the next stage's entry conditions must hold before the cluster advances one stage",
            "persistence rule: Kireyeva & Tsoi (2018), stages pass 'for a sustained period'; length: assumption", "stages"},
  ParamSpec{"stage_fallback_ticks", &P::stage_fallback_ticks, 8, 1, 10000, "ticks",
            "ticks in a row the current stage's conditions must fail before the cluster falls back one stage (stagnation)",
            "fall-back (stagnation): Kireyeva & Tsoi (2018); length: assumption", "stages"},
  ParamSpec{"stable_tie_years", &P::stable_tie_years, 1.0, 0, 100, "years",
            "age from which a tie inside the region counts as a stable link", kAssumption, "stages"},
  ParamSpec{"stage1_min_knowledge", &P::stage1_min_knowledge, 0.4, 0, 1e6, "knowledge units",
            "stage 1 (resource concentration): R&D potential, the firms' mean knowledge per field", kAssumption, "stages"},
  ParamSpec{"stage1_min_firms", &P::stage1_min_firms, 10, 0, 1e9, "firms",
            "stage 1: entrepreneurial activity, IT firms in the region", kAssumption, "stages"},
  ParamSpec{"stage2_min_smes", &P::stage2_min_smes, 30, 0, 1e9, "firms",
            "stage 2 (ecosystem formation): SMEs and startups in the region", kAssumption, "stages"},
  ParamSpec{"stage2_min_stable_ties", &P::stage2_min_stable_ties, 0.3, 0, 1, "1",
            "stage 2: share of the region's internal ties older than stable_tie_years", kAssumption, "stages"},
  ParamSpec{"stage2_min_infrastructure", &P::stage2_min_infrastructure, 0.4, 0, 10, "1",
            "stage 2: support infrastructure, the soft factor plus the policy bonus to it", kAssumption, "stages"},
  ParamSpec{"stage3_min_growth", &P::stage3_min_growth, 0.15, -1, 100, "1 / year",
            "stage 3 (breakthrough): growth of regional IT value added over the last year", kAssumption, "stages"},
  ParamSpec{"stage3_min_birth_rate", &P::stage3_min_birth_rate, 0.08, 0, 100, "1 / year",
            "stage 3: firm births over the last year per firm", kAssumption, "stages"},
  ParamSpec{"stage4_min_large_firms", &P::stage4_min_large_firms, 10, 0, 1e9, "firms",
            "stage 4 (maturity): an anchor core of large firms", kAssumption, "stages"},
  ParamSpec{"stage4_min_external_ties_per_firm", &P::stage4_min_external_ties_per_firm, 0.5, 0, 1e6, "links / firm",
            "stage 4: ties to other regions per firm (integration into wider value chains)", kAssumption, "stages"},
  ParamSpec{"stage4_min_infrastructure", &P::stage4_min_infrastructure, 0.8, 0, 10, "1",
            "stage 4: scalable support infrastructure, the soft factor plus the policy bonus to it", kAssumption, "stages"},
  // ---- institutions: policy (models/institutions/policy.cpp) ----
  ParamSpec{"absorption_strength", &P::absorption_strength, 1.0, 0, 1, "1",
            "how much an instrument's effect depends on its preconditions in the region: its money works in proportion 1 - absorption_strength*(1 - a), a the instrument's absorption in [0, 1] (0: every instrument works fully everywhere)",
            "direction: Kireyeva & Tsoi (2018), money aimed at a stage the cluster has not reached is largely wasted; form and size: assumption", "policy"},
  ParamSpec{"absorption_half_firms", &P::absorption_half_firms, 30, 1e-6, 1e9, "firms",
            "firms (or SMEs) at which an instrument that needs them as users reaches half of its absorption (stage 2's SME threshold)", kAssumption, "policy"},
  ParamSpec{"absorption_half_large_firms", &P::absorption_half_large_firms, 5, 1e-6, 1e9, "firms",
            "large firms at which an instrument that needs an anchor core (leader regions, cluster management) reaches half of its absorption (stage 4's threshold)", kAssumption, "policy"},
  ParamSpec{"absorption_half_startups", &P::absorption_half_startups, 10, 1e-6, 1e9, "firms / year",
            "firm births per year at which support for new firms reaches half of its absorption", kAssumption, "policy"},
  ParamSpec{"infrastructure_running_cost", &P::infrastructure_running_cost, 0.1, 0, 10, "1 / year",
            "running cost of built infrastructure (technoparks, incubators, support infrastructure, leader-region facilities) per year, as a share of its effective money stock, paid from the region's budget before new projects",
            "modelling assumption (maintenance of public infrastructure)", "policy"},
  ParamSpec{"policy_half_saturation", &P::policy_half_saturation, 500, 1e-6, 1e12, "million tenge",
            "effective money stock at which an instrument reaches half of its strength", kAssumption, "policy"},
  ParamSpec{"policy_effect_decay", &P::policy_effect_decay, 0.25, 0, 100, "1 / year",
            "rate at which an instrument's effective money stock fades once spending stops", kAssumption, "policy"},
  ParamSpec{"crowding_out", &P::crowding_out, 0.3, 0, 1, "1",
            "fall of firms' own R&D effort at full intensity of an unconditional subsidy",
            "direction: crowding-out literature (David, Hall & Toole 2000, Research Policy 29:497); size: assumption", "policy"},
  ParamSpec{"zombie_capture", &P::zombie_capture, 0.5, 0, 1, "1",
            "share of an unconditional subsidy's money without use (1 - working share) that loss-making firms capture as cash, up to their losses",
            "direction: zombie lending (Caballero, Hoshi & Kashyap 2008, AER 98:1943); size: assumption", "policy"},
  ParamSpec{"support_memory_years", &P::support_memory_years, 1.0, 1e-3, 100, "years",
            "time over which captured support fades from a firm's record (a zombie: losing money, capital below the support it had)", kAssumption, "policy"},
  ParamSpec{"state_share_state_started", &P::state_share_state_started, 0.7, 1e-6, 1, "1",
            "share of a state-started project the state pays (cluster firms pay the rest)",
            "Kazakhstan's cluster programme: 70% state, 30% cluster firms (shared/DESIGN.md)", "policy"},
  ParamSpec{"state_share_business_started", &P::state_share_business_started, 0.5, 1e-6, 1, "1",
            "share of a business-started project the state pays",
            "Kazakhstan's cluster programme: 50/50 (shared/DESIGN.md)", "policy"},
  ParamSpec{"growth_pole_count", &P::growth_pole_count, 1, 0, kMaxRegions, "regions",
            "regions chosen as growth poles, by share of national IT value added and aggregated innovation index",
            "selection rule: Kireyeva & Tsoi (2018); count: assumption", "policy"},
  // ---- institutions: governance (models/institutions/governance.cpp) ----
  ParamSpec{"civil_interest_mean", &P::civil_interest_mean, 0.5, 0, 1, "1",
            "long-run mean of civil-society interest in innovation", kAssumption, "governance"},
  ParamSpec{"civil_interest_reversion", &P::civil_interest_reversion, 1.0, 0, 100, "1 / year",
            "speed at which civil-society interest returns to its mean", kAssumption, "governance"},
  ParamSpec{"civil_interest_volatility", &P::civil_interest_volatility, 0.3, 0, 10, "1 / year^0.5",
            "volatility of civil-society interest (its unstable interest: Carayannis & Campbell)", kAssumption, "governance"},
  ParamSpec{"political_pressure_rate", &P::political_pressure_rate, 1.0, 0, 100, "1 / year",
            "hazard of an episode of outside political pressure on civil society when its interest is 0; it falls linearly to 0 as interest rises to its long-run mean (pressure targets a civil society whose interest wanes)", kAssumption, "governance"},
  ParamSpec{"political_pressure_years", &P::political_pressure_years, 1.0, 0, 100, "years",
            "length of an episode of political pressure", kAssumption, "governance"},
  ParamSpec{"political_pressure_cut", &P::political_pressure_cut, 0.8, 0, 1, "1",
            "share of civil-society participation lost during political pressure", kAssumption, "governance"},
  ParamSpec{"civil_demand_effect", &P::civil_demand_effect, 0.5, 0, 10, "1",
            "civil-society demand for innovation at full participation: the rise of firms' innovation hazards, and the value-added gain of a firm in the tick it explores or exploits", kAssumption, "governance"},
  ParamSpec{"civil_university_effect", &P::civil_university_effect, 0.2, 0, 10, "1",
            "gain in university research efficiency from civil-society partners at full participation", kAssumption, "governance"},
  ParamSpec{"energy_intensity", &P::energy_intensity, 0.5, 0, 1e6, "MWh / million tenge",
            "energy used per unit of IT value added before green-IT adoption", kAssumption, "governance"},
  ParamSpec{"grid_emission_factor", &P::grid_emission_factor, 0.6, 0, 10, "t CO2 / MWh",
            "CO2 per MWh of the regional grid", "order of magnitude for Kazakhstan's coal-based grid; assumption", "governance"},
  ParamSpec{"green_energy_saving", &P::green_energy_saving, 0.5, 0, 1, "1",
            "share of energy use that full green-IT adoption saves", kAssumption, "governance"},
  ParamSpec{"green_adoption_rate", &P::green_adoption_rate, 0.05, 0, 100, "1 / year",
            "rate at which green IT spreads, times the green-research multiplier", kAssumption, "governance"},
  ParamSpec{"environmental_capacity", &P::environmental_capacity, 10, 0, 1e9, "kt CO2 / (million persons * year)",
            "emissions a region absorbs before the environmental limit on growth binds", kAssumption, "governance"},
  ParamSpec{"environmental_limit_strength", &P::environmental_limit_strength, 1.0, 0, 1e6, "1",
            "how fast value added falls with emissions beyond capacity: limit = 1 / (1 + strength * excess)", kAssumption, "governance"},
  ParamSpec{"civil_half_organisations", &P::civil_half_organisations, 2, 0, 1e6, "organisations",
            "civil-society organisations in a region at which their participation reaches half of their interest (participation = interest x n / (n + this))", kAssumption, "governance"},
  ParamSpec{"green_knowledge_effect", &P::green_knowledge_effect, 0.5, 0, 100, "1",
            "gain in firms' own R&D output at full green-IT adoption (green IT reaches firms' knowledge)", kAssumption, "governance"},
  ParamSpec{"environment_memory_years", &P::environment_memory_years, 1.0, 0, 100, "years",
            "time over which emissions average value added (an exponential mean; 0: this tick's value added)", kAssumption, "governance"},
  ParamSpec{"government_tie_reach", &P::government_tie_reach, 1.0, 0, 100, "1",
            "extra share of its region's programme effects (the policy bonuses to hard and soft factors and the R&D cost relief) that a firm tied to a government agent of its region receives", kAssumption, "governance"},
  ParamSpec{"civil_tie_reach", &P::civil_tie_reach, 1.0, 0, 100, "1",
            "extra share of its region's civil-society demand for innovation (demand_pull, on both innovation hazards and on innovators' value added) that a firm tied to a civil-society organisation of its region receives: the organisation brings its members' demand",
            "direction: lead users (von Hippel 1986, Management Science 32:791); size: assumption", "governance"},
};
// clang-format on

}  // namespace

std::span<const ParamSpec> parameter_table() {
  return kTable;
}

const ParamSpec* find_parameter(std::string_view key) {
  for (const ParamSpec& spec : kTable) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

bool set_parameter(ModelParams& params, const ParamSpec& spec, double value) {
  if (!(value >= spec.min && value <= spec.max)) return false;
  std::visit(
      [&](auto member) {
        using T = std::remove_reference_t<decltype(params.*member)>;
        params.*member = static_cast<T>(value);
      },
      spec.field);
  return true;
}

double get_parameter(const ModelParams& params, const ParamSpec& spec) {
  return std::visit([&](auto member) { return static_cast<double>(params.*member); }, spec.field);
}

std::string parameter_table_markdown() {
  const auto number = [](double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    return std::string(buffer);
  };
  std::string out;
  std::string_view group;
  for (const ParamSpec& spec : kTable) {
    if (spec.group != group) {
      group = spec.group;
      out += "\n**" + std::string(group) + "**\n\n";
      out += "| key | default | unit | range | meaning | source |\n";
      out += "| --- | --- | --- | --- | --- | --- |\n";
    }
    out += "| `" + std::string(spec.key) + "` | " + number(spec.default_value) + " | " +
           std::string(spec.unit) + " | [" + number(spec.min) + ", " + number(spec.max) + "] | " +
           std::string(spec.meaning) + " | " + std::string(spec.source) + " |\n";
  }
  return out;
}

ModelParams ModelParams::defaults() {
  ModelParams p{};
  for (const ParamSpec& spec : kTable) set_parameter(p, spec, spec.default_value);
  return p;
}

}  // namespace clustersim::parameters
