<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AffectedUnitsAlgorithm</name>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Administrative units (counties, townships, villages)</source>
      <translation>行政区（县、乡镇、村）</translation>
    </message>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Affected administrative units</source>
      <translation>涉及的行政区</translation>
    </message>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Affected units</source>
      <translation>涉及的行政区</translation>
    </message>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Lists the administrative units (counties, townships or villages) that lie in each zone, for the lockdown order (chapter 5, section 2) and the reports (chapter 3, section 1).

One row per unit and zone they overlap: unit_id, unit_name, zone_type and zone_id (copied from the zone layer when it has these fields; otherwise zone_type is empty and zone_id is the feature id), area_km2 of the unit inside the zone, unit_area_km2 and share_pct (the share of the unit inside the zone). Areas are true ground areas whatever the CRS: they are computed in an equal-area projection centred on the zones. Units that only touch a zone (overlap under 1 m²) are left out. Sorted by zone (occurrence, quarantine, threatened, then zone_id), then unit name.</source>
      <translation>列出位于各区域内的行政区（县、乡镇或村），供发布封锁令（第五章 二）和疫情报告（第三章 一）使用。

行政区与区域每有一处重叠输出一行：unit_id、unit_name、zone_type 和 zone_id（区域图层有这些字段时从中复制；否则 zone_type 为空，zone_id 为要素编号）、行政区位于区域内的面积 area_km2、行政区总面积 unit_area_km2 以及 share_pct（行政区位于区域内的比例）。无论坐标系如何，面积均为实际地面面积：在以区域为中心的等积投影中计算。仅与区域相接（重叠不足 1 m²）的行政区不列出。先按区域排序（发生区、疫区、受威胁区，再按 zone_id），再按行政区名称排序。</translation>
    </message>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Unit id field (e.g. adcode)</source>
      <translation>行政区代码字段（如 adcode）</translation>
    </message>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Unit name field</source>
      <translation>行政区名称字段</translation>
    </message>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Zones</source>
      <translation>区域</translation>
    </message>
  </context>
  <context>
    <name>BarrierBufferAlgorithm</name>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>&lt;p&gt;&lt;b&gt;Input&lt;/b&gt;: points (nests), lines or polygons (a polygon includes itself and grows from its boundary). A feature inside a barrier polygon gets a warning and that polygon does not block it: its zone spreads inside and out of it, and the polygon still blocks every other feature. Distances are metres on the ground whatever the CRS: geographic or Web Mercator data are processed in a local projected CRS named in the log. Invalid geometries are repaired, features without geometry skipped (counted in the log). An input without features gives an empty output and a warning.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Dissolve&lt;/b&gt; (default): one polygon per connected zone with &lt;code&gt;zone_id&lt;/code&gt;, &lt;code&gt;area_km2&lt;/code&gt; and &lt;code&gt;radius_m&lt;/code&gt;. Otherwise one zone per input feature with its attributes plus &lt;code&gt;area_km2&lt;/code&gt; and &lt;code&gt;radius_m&lt;/code&gt;. The output is in the input's CRS.&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;输入&lt;/b&gt;：点（蚁巢）、线或面（面包含其自身，并从其边界向外扩展）。位于屏障面内的要素会收到警告，该屏障面对它不起阻隔作用：其区域在屏障面内外扩展，而该屏障面对其他要素仍起阻隔作用。无论坐标系如何，距离均为实际地面米数：地理坐标或 Web 墨卡托数据在日志中注明的局部投影坐标系中处理。无效几何会被修复，无几何的要素被跳过（在日志中计数）。输入没有要素时输出为空并给出警告。&lt;/p&gt;&lt;p&gt;&lt;b&gt;融合&lt;/b&gt;（默认）：每个连通区域一个面，带 &lt;code&gt;zone_id&lt;/code&gt;、&lt;code&gt;area_km2&lt;/code&gt; 和 &lt;code&gt;radius_m&lt;/code&gt; 字段。否则每个输入要素一个区域，保留其属性并加上 &lt;code&gt;area_km2&lt;/code&gt; 和 &lt;code&gt;radius_m&lt;/code&gt;。输出采用输入图层的坐标系。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>&lt;p&gt;Everything within &lt;i&gt;Distance&lt;/i&gt; metres of the input features along a path that crosses no barrier: the zone wraps around the end of a river or ridge, passes through a gap (bridge, pass) and spreads out beyond it as far as the remaining distance allows, and never jumps across a barrier. Without barriers it is the ordinary buffer. The emergency plan requires natural barriers such as rivers and mountains to be considered when a quarantine zone is delineated (chapter 3, section 2(2)).&lt;/p&gt;&lt;p&gt;The zone is exact in vector form (no raster, no split buffer): every boundary point lies within max(1 m, 0.1 % of the distance) of the true boundary, inside it.&lt;/p&gt;</source>
      <translation>&lt;p&gt;沿不穿越任何屏障的路径、距输入要素不超过&lt;i&gt;距离&lt;/i&gt;米的全部范围：区域绕过河流或山脊的端点，穿过缺口（桥梁、山口）并在其后按剩余距离继续扩展，绝不跨越屏障。没有屏障时即为普通缓冲区。应急预案要求划分疫区时考虑河流、山脉等天然屏障（第三章 二(二)）。&lt;/p&gt;&lt;p&gt;区域以矢量形式精确计算（不用栅格，也不拼接缓冲区）：每个边界点与真实边界的距离不超过 max（1 m，距离的 0.1 %），且位于其内侧。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>Barrier-aware buffer</source>
      <translation>顾及屏障的缓冲区</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>Barrier-aware zones</source>
      <translation>顾及屏障的区域</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>Barrier-aware zones written to {output}</source>
      <translation>顾及屏障的区域已写入 {output}</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>Dissolve (one polygon per connected zone)</source>
      <translation>融合（每个连通区域一个面）</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>Distance (metres, more than 0, at most {most:g})</source>
      <translation>距离（米，大于 0，最大 {most:g}）</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>Input (nests, occurrence points, zones)</source>
      <translation>输入（蚁巢、发生点、区域）</translation>
    </message>
  </context>
  <context>
    <name>BarrierParameters</name>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>&lt;p&gt;&lt;b&gt;Barriers&lt;/b&gt;: line layers (rivers, ridges) and polygon layers (lakes, reservoirs, mountain massifs), in any CRS. A zone never crosses a barrier line and never enters a barrier polygon; it wraps around the end of a barrier and spreads through gaps. A line end within 0.1 m of another barrier is joined to it (digitizing noise); a wider gap is an opening.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Crossings&lt;/b&gt;: points (bridges, mountain passes). Each crossing opens every barrier within &lt;i&gt;Crossing width&lt;/i&gt; / 2 of it; a crossing farther than that from every barrier opens nothing and gets a warning.&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;屏障&lt;/b&gt;：线图层（河流、山脊）和面图层（湖泊、水库、山体），坐标系不限。区域绝不跨越屏障线，也不进入屏障面；它绕过屏障的端点，并经缺口向外扩展。线的端点距另一屏障不足 0.1 米时与之相接（数字化误差）；更宽的缺口即为通道。&lt;/p&gt;&lt;p&gt;&lt;b&gt;穿越点&lt;/b&gt;：点（桥梁、山口）。每个穿越点打开其周围&lt;i&gt;穿越宽度&lt;/i&gt; / 2 范围内的所有屏障；距所有屏障都更远的穿越点不打开任何屏障，并给出警告。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>Barriers (rivers, ridges as lines; lakes, mountains as polygons)</source>
      <translation>屏障（河流、山脊为线；湖泊、山体为面）</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>Crossing width (metres, more than 0, at most {most:g})</source>
      <translation>穿越宽度（米，大于 0，最大 {most:g}）</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>Crossings (bridges, passes)</source>
      <translation>穿越点（桥梁、山口）</translation>
    </message>
  </context>
  <context>
    <name>CheckpointsAlgorithm</name>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Checkpoints</source>
      <translation>检查站</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Finds every place where a road crosses the boundary of a zone, usually the quarantine zone: the plan requires a guard with disinfection equipment at every road entrance and exit of the quarantine zone (chapter 5, section 2: lockdown).

A road through the zone gives two checkpoints, a road ending inside one, a road entirely inside or outside none. Each part of a multi-part road counts on its own. A road that only touches the boundary without entering gives none. A road end lying exactly on the boundary is taken to continue outside, so road networks split at nodes still give their entrance once.

Crossings of the same zone closer than the merge distance (metres on the ground, chained) become one checkpoint, placed at the crossing nearest the middle of the group; the road names are joined with ' / '.

Output: points in the CRS of the zone layer, numbered 1, 2, 3… zone by zone (zone_id order) and clockwise around each zone's centre starting from north (bearing_deg), so a printed list can be walked in order. lon/lat are WGS 84 degrees for field teams. zone_id comes from the zone layer's zone_id field, or the feature id when it has none.</source>
      <translation>找出道路穿过区域（通常为疫区）边界的每一处：预案要求在所有进出疫区的交通路口派专人守护并配备消毒设备（第五章 二，封锁）。

穿过区域的道路产生两个检查站，终止于区域内的道路产生一个，完全位于区域内或区域外的道路不产生检查站。多部件道路的每个部件单独计算。只与边界相接而不进入的道路不产生检查站。端点恰好位于边界上的道路视为向外延续，因此在节点处打断的路网仍只给出一次入口。

同一区域内相距小于合并距离（地面米数，链式合并）的穿越处合并为一个检查站，位于最靠近该组中间的穿越处；道路名称以 ' / ' 连接。

输出：采用区域图层坐标系的点，逐个区域（按 zone_id 顺序）编号 1、2、3…，并在每个区域内从正北开始绕区域中心顺时针编号（bearing_deg），便于按打印清单依次巡查。lon/lat 为 WGS 84 经纬度，供外业人员使用。zone_id 取自区域图层的 zone_id 字段，没有该字段时取要素编号。</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Merge crossings closer than (metres, 0 to {most:g})</source>
      <translation>合并间距小于此值的穿越处（米，0 至 {most:g}）</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Road checkpoints (where roads enter the zone)</source>
      <translation>道路出入口检查站（道路进入区域处）</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Road class field</source>
      <translation>道路等级字段</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Road name field</source>
      <translation>道路名称字段</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Roads</source>
      <translation>道路</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>Zones (usually the quarantine zones)</source>
      <translation>区域（通常为疫区）</translation>
    </message>
  </context>
  <context>
    <name>CreateStoreAlgorithm</name>
    <message>
      <location filename="../processing/create_store.py" />
      <source>Create the shared store (PostGIS)</source>
      <translation>创建共享库（PostGIS）</translation>
    </message>
    <message>
      <location filename="../processing/create_store.py" />
      <source>Creates, or brings up to date, a bureau's shared store in a PostgreSQL/PostGIS database: the schema with the records log (chapter 5, section 8) and the case's zone versions, and a schema for output tables. Run it once as the database's administrator; running it again applies only the migrations that are missing.

STORE: service=… (a libpq service), a connection string (host=… dbname=… user=…) or the name of a PostgreSQL connection saved in QGIS; add schema=… for another schema than rifa.

TECHNICIANS: the group role of the technicians (created when missing, without login). Its members may add and read records and nothing else: UPDATE, DELETE, TRUNCATE and changes to the tables are refused by the database. Each record is numbered and chained to the one before inside the inserting transaction, so technicians working at the same time never break the chain. Output tables go to the schema &lt;schema&gt;_outputs, which the technicians share.

Then set the project variable rifa_records_gpkg to the same STORE value, and give it as the CASE of rifa:declarezones, rifa:liftingstatus and rifa:periodreport.</source>
      <translation>在 PostgreSQL/PostGIS 数据库中创建（或升级）本局的共享库：含处理记录（第五章 八）和疫情档案区域版本的模式，以及存放输出表的模式。由数据库管理员运行一次；再次运行只执行尚缺的迁移。

STORE：service=…（libpq 服务）、连接字符串（host=… dbname=… user=…）或在 QGIS 中保存的 PostgreSQL 连接名称；另加 schema=… 可使用 rifa 以外的模式。

TECHNICIANS：技术人员的组角色（不存在时创建，不可登录）。其成员只能添加和读取记录：UPDATE、DELETE、TRUNCATE 和对表结构的修改均被数据库拒绝。每条记录在插入它的事务内编号并与前一条记录链接，因此多名技术人员同时工作也不会破坏哈希链。输出表写入模式 &lt;schema&gt;_outputs，由技术人员共用。

然后将项目变量 rifa_records_gpkg 设为同一个 STORE 值，并将其作为 rifa:declarezones、rifa:liftingstatus 和 rifa:periodreport 的 CASE。</translation>
    </message>
    <message>
      <location filename="../processing/create_store.py" />
      <source>Give the PostgreSQL store (STORE): service=… or a connection name.</source>
      <translation>请给出 PostgreSQL 共享库（STORE）：service=… 或连接名称。</translation>
    </message>
    <message>
      <location filename="../processing/create_store.py" />
      <source>Migrations applied by this run</source>
      <translation>本次执行的迁移</translation>
    </message>
    <message>
      <location filename="../processing/create_store.py" />
      <source>PostgreSQL store (service=…, connection name)</source>
      <translation>PostgreSQL 共享库（service=…、连接名称）</translation>
    </message>
    <message>
      <location filename="../processing/create_store.py" />
      <source>Schema</source>
      <translation>模式</translation>
    </message>
    <message>
      <location filename="../processing/create_store.py" />
      <source>Schema for output tables</source>
      <translation>输出表的模式</translation>
    </message>
    <message>
      <location filename="../processing/create_store.py" />
      <source>Schema version</source>
      <translation>模式版本</translation>
    </message>
    <message>
      <location filename="../processing/create_store.py" />
      <source>Technicians' role</source>
      <translation>技术人员角色</translation>
    </message>
    <message>
      <location filename="../processing/create_store.py" />
      <source>The store {store} (schema {schema}) is at version {version}.</source>
      <translation>共享库 {store}（模式 {schema}）已升级到版本 {version}。</translation>
    </message>
    <message>
      <location filename="../processing/create_store.py" />
      <source>The store {store} (schema {schema}) was already at version {version}: nothing to do.</source>
      <translation>共享库 {store}（模式 {schema}）已是版本 {version}：无需操作。</translation>
    </message>
  </context>
  <context>
    <name>DeclareZonesAlgorithm</name>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>&lt;p&gt;Records a declaration of the zones in the case GeoPackage (table zone_versions): the zones in force from DECLARED_ON under the order ORDER_NUMBER. Zones are revised as new nests are found and lifted after eradication (chapter 5, section 6); the case keeps every version.&lt;/p&gt;&lt;p&gt;Each zone is known by its type (the layer it comes from) and its zone_id (the field of the rifa:delineatezones outputs; otherwise the feature id). Every zone named gets a new version (1, 2, …) and the version before it is closed (valid_to = DECLARED_ON). A zone of a layer given here that the layer no longer holds is lifted: it gets a last version without geometry (change = lifted). An empty layer lifts all zones of its type; a layer left out leaves its zones as they are.&lt;/p&gt;&lt;p&gt;Each version records what changed: change (new, revised, unchanged, lifted), area_km2, added_km2 and removed_km2 against the version before (true ground km²). Versions are never rewritten or deleted: triggers in the GeoPackage refuse it. A declaration dated before the latest one in the case is refused.&lt;/p&gt;</source>
      <translation>&lt;p&gt;在疫情档案 GeoPackage（表 zone_versions）中登记一次区域公布：自 DECLARED_ON 起按 ORDER_NUMBER 号令生效的各区域。发现新蚁巢时区域随之调整，根除后撤销（第五章 六）；档案保留每一个版本。&lt;/p&gt;&lt;p&gt;每个区域由其类型（所在图层）和 zone_id（rifa:delineatezones 输出的字段；没有时为要素编号）识别。本次列出的每个区域得到一个新版本（1、2、…），其上一版本随之关闭（valid_to = DECLARED_ON）。本次给出的图层中不再包含的区域即被撤销：得到一个无几何的最后版本（change = lifted）。空图层撤销该类型的全部区域；未给出的图层，其区域保持不变。&lt;/p&gt;&lt;p&gt;每个版本记录变化：change（new 新设、revised 调整、unchanged 未变、lifted 撤销）、area_km2，以及相对上一版本的 added_km2 和 removed_km2（真实地面平方公里）。版本不会被改写或删除：GeoPackage 中的触发器拒绝这样做。日期早于档案中最近一次公布的公布将被拒绝。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>Case GeoPackage</source>
      <translation>疫情档案 GeoPackage</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>Case GeoPackage (created when missing)</source>
      <translation>疫情档案 GeoPackage（不存在时新建）</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>Declare zones (new zone version)</source>
      <translation>公布区域（新区域版本）</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>Declared on (zones in force from)</source>
      <translation>公布日期（区域自该日起生效）</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>Lifted zones</source>
      <translation>已撤销区域</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>New zones</source>
      <translation>新设区域</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>Occurrence areas</source>
      <translation>发生区</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>Order number (e.g. of the lockdown order)</source>
      <translation>文号（如封锁令文号）</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>Quarantine zones</source>
      <translation>疫区</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>Revised zones</source>
      <translation>调整的区域</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>Threatened zones</source>
      <translation>受威胁区</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>Unchanged zones</source>
      <translation>未变的区域</translation>
    </message>
  </context>
  <context>
    <name>DelineateZonesAlgorithm</name>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>&lt;p&gt;Draws the zones of the emergency plan around the nests the field teams found (profile {profile}).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Occurrence points&lt;/b&gt;: one natural village or community with nests (chapter 3, section 2(2)1). With &lt;i&gt;Natural villages&lt;/i&gt;, the nests in one village make one occurrence point; nests outside every village are grouped among themselves by the grouping distance and get no village name (the log lists them). Without villages, nests not farther apart than the grouping distance, chained, make one occurrence point.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Zones&lt;/b&gt; are drawn around every nest, not around centroids, in metres on the ground whatever the CRS: occurrence areas (chapter 3, section 2(2)1, legal radius {o_low:g}–{o_high:g} m), quarantine zones (chapter 3, section 2(2)2, {q_low:g}–{q_high:g} m) and threatened zones (chapter 3, section 2(2)3: the band {t_low:g}–{t_high:g} m beyond the quarantine zone, a ring that does not cover it). Radii outside the profile's range are refused.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Natural barriers&lt;/b&gt; (rivers, ridges; the plan requires them to be considered when the quarantine zone is drawn): zones follow the shortest path that never crosses a barrier line or enters a barrier polygon, except through crossings (bridges, passes). The threatened ring is exact: the barrier-aware buffer of the quarantine zone by the extension equals the barrier-aware zone of radius quarantine radius + extension around the nests, so the ring is that zone minus the quarantine zone.&lt;/p&gt;&lt;p&gt;&lt;b&gt;The 3-point rule&lt;/b&gt;: a zone needs at least MIN_POINTS occurrence points ({min_points} in this profile). Every zone is drawn; &lt;i&gt;meets_rule&lt;/i&gt; says whether it qualifies and the log lists the ones that do not. Each connected part is one zone with its &lt;i&gt;zone_id&lt;/i&gt;. A threatened zone lists the quarantine zones it surrounds in &lt;i&gt;quarantine_ids&lt;/i&gt; (rings of nearby zones merge); its counts are their totals.&lt;/p&gt;&lt;p&gt;Attributes: zone_type, zone_id, n_points, n_nests, meets_rule, radius_m (for threatened zones the extension), area_km2 (true ground area), quarantine_ids, profile, computed_at. Occurrence points: point_id, village, n_nests, first_seen, last_seen (from the date field: dates, date-times or ISO text), zone_id of their quarantine zone.&lt;/p&gt;</source>
      <translation>&lt;p&gt;围绕外业人员发现的蚁巢，划定应急预案规定的各类区域（规则配置 {profile}）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;发生点&lt;/b&gt;：有蚁巢分布的一个自然村或一个社区（第三章 二(二)1）。提供&lt;i&gt;自然村&lt;/i&gt;图层时，同一自然村内的蚁巢构成一个发生点；位于所有自然村之外的蚁巢按归并距离相互归并，不带村名（日志中列出）。不提供自然村时，相距不超过归并距离的蚁巢（链式归并）构成一个发生点。&lt;/p&gt;&lt;p&gt;&lt;b&gt;区域&lt;/b&gt;围绕每个蚁巢（而非质心）绘制，无论坐标系如何，距离均为实际地面米数：发生区（第三章 二(二)1，法定半径 {o_low:g}–{o_high:g} 米）、疫区（第三章 二(二)2，{q_low:g}–{q_high:g} 米）和受威胁区（第三章 二(二)3：疫区外顺延 {t_low:g}–{t_high:g} 米的环带，不覆盖疫区本身）。超出规则配置范围的半径将被拒绝。&lt;/p&gt;&lt;p&gt;&lt;b&gt;天然屏障&lt;/b&gt;（河流、山脊；预案要求划分疫区时注意考虑天然屏障）：区域沿不穿越屏障线、不进入屏障面的最短路径扩展，只能经穿越点（桥梁、山口）通过。受威胁区环带是精确的：疫区按外延距离所作的顾及屏障缓冲区，等于围绕蚁巢以“疫区半径 + 外延距离”为半径所作的顾及屏障区域，因此环带即该区域减去疫区。&lt;/p&gt;&lt;p&gt;&lt;b&gt;3 个发生点规则&lt;/b&gt;：一个区域至少需要“每个区域的最少发生点数”个发生点（本规则配置为 {min_points} 个）。所有区域都会绘制；&lt;i&gt;meets_rule&lt;/i&gt; 表示是否符合规则，日志列出不符合的区域。每个连通部分为一个区域，有各自的 &lt;i&gt;zone_id&lt;/i&gt;。受威胁区在 &lt;i&gt;quarantine_ids&lt;/i&gt; 中列出其环绕的疫区（相邻区域的环带会合并）；其计数为这些疫区的合计。&lt;/p&gt;&lt;p&gt;属性：zone_type、zone_id、n_points、n_nests、meets_rule、radius_m（受威胁区为外延距离）、area_km2（实际地面面积）、quarantine_ids、profile、computed_at。发生点：point_id、village、n_nests、first_seen、last_seen（取自日期字段：日期、日期时间或 ISO 格式文本）、所在疫区的 zone_id。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Delineate outbreak zones (occurrence, quarantine, threatened)</source>
      <translation>划定疫情区域（发生区、疫区、受威胁区）</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Detection date field</source>
      <translation>发现日期字段</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Grouping distance (m, 0 to {most:g}): nests this close form one occurrence point (without villages)</source>
      <translation>归并距离（米，0 至 {most:g}）：相距不超过此值的蚁巢归为一个发生点（无自然村图层时）</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Layer '{layer}' has no nests with a geometry.</source>
      <translation>图层“{layer}”没有带几何的蚁巢。</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Minimum occurrence points per zone (1 to {most}) [{profile}: {count}]</source>
      <translation>每个区域最少发生点数（1 至 {most}）[{profile}：{count}]</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Natural villages / communities</source>
      <translation>自然村 / 社区</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Nests</source>
      <translation>蚁巢</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Nests (detections)</source>
      <translation>蚁巢（发现点）</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Occurrence area radius (m)</source>
      <translation>发生区半径（米）</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Occurrence areas</source>
      <translation>发生区</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Occurrence points</source>
      <translation>发生点</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Quarantine radius (m)</source>
      <translation>疫区半径（米）</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Quarantine zones</source>
      <translation>疫区</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Rule profile (JSON; empty: Putian 2006)</source>
      <translation>规则配置（JSON；留空：莆田2006）</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Summary (as recorded)</source>
      <translation>摘要（记入处理记录）</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>The date field '{field}' is not a field of layer '{layer}'.</source>
      <translation>日期字段“{field}”不是图层“{layer}”的字段。</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>The village name field '{field}' is not a field of layer '{layer}'.</source>
      <translation>村名字段“{field}”不是图层“{layer}”的字段。</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Threatened zone extension beyond the quarantine zone (m)</source>
      <translation>受威胁区在疫区外的外延距离（米）</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Threatened zones</source>
      <translation>受威胁区</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Village name field</source>
      <translation>村名字段</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Villages</source>
      <translation>自然村</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>occurrence areas</source>
      <translation>发生区</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>quarantine zones</source>
      <translation>疫区</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>rifa,fire ant,nests,occurrence,quarantine,threatened,zone,barrier</source>
      <translation>红火蚁，蚁巢，发生点，发生区，疫区，受威胁区，屏障，区域划定，rifa,fire ant,nests,occurrence,quarantine,threatened,zone,barrier</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>threatened zones</source>
      <translation>受威胁区</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>{name} [legal {low:g}–{high:g}, {profile}]</source>
      <translation>{name} [法定范围 {low:g}–{high:g}，{profile}]</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>{name} {count} ({meeting} meet the rule, {area:.1f} km²)</source>
      <translation>{name} {count} 个（{meeting} 个符合规则，{area:.1f} km²）</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>{nests} nests, {points} occurrence points; {zones}; radii {o:g}/{q:g}/+{t:g} m; profile {profile}</source>
      <translation>{nests} 个蚁巢，{points} 个发生点；{zones}；半径 {o:g}/{q:g}/+{t:g} 米；规则配置 {profile}</translation>
    </message>
  </context>
  <context>
    <name>DescribeBoundaryAlgorithm</name>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Administrative units</source>
      <translation>行政区</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Barrier name field (default: guessed)</source>
      <translation>屏障名称字段（默认：自动识别）</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Barriers (rivers, ridges)</source>
      <translation>屏障（河流、山脊）</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Describe the zone boundary (四至)</source>
      <translation>疫区四至描述</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Language of the description</source>
      <translation>描述语言</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Road name field (default: guessed)</source>
      <translation>道路名称字段（默认：自动识别）</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Roads</source>
      <translation>道路</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Rule profile (default: Putian 2006)</source>
      <translation>规则配置（默认：莆田 2006）</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Unit name field (default: guessed)</source>
      <translation>行政区名称字段（默认：自动识别）</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Village name field (default: guessed)</source>
      <translation>自然村名称字段（默认：自动识别）</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Villages</source>
      <translation>自然村</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Writes the boundary of each zone in words, as the lockdown order describes it (chapter 5, section 2): how far the zone reaches east, south, west and north, what it reaches there (the bank of a river it stops at, the side of a road it follows, a road junction or village near the point, else the unit it lies in) and the coordinates.

Columns: zone_id, zone_type (when the zone layer has them), east_lon … north_lat (the zone's extreme points, WGS 84 degrees, 6 decimals, within 0.1 m of the zone's boundary), area_km2, perimeter_km, description (e.g. 东至…（东经…，北纬…），南至木兰溪北岸…) and landmarks (JSON: each named road, river, village or unit the boundary follows, crosses or runs through, clockwise from north, with the length of boundary it follows, follows_m).

ROADS, BARRIERS (rivers, ridges), VILLAGES, UNITS are optional; their name fields are guessed (name, road_name, county_name…) when left empty. Only named features are used. The words, the distance within which the boundary follows a line, the search radius for junctions and villages and the rounding of distances come from the rule profile (boundary section), so another bureau's wording needs no code. LANGUAGE: 0 = Chinese (default), 1 = English.</source>
      <translation>按封锁令的写法用文字描述每个区域的边界（第五章 二）：区域向东、南、西、北各达何处，在该处到达什么（区域止于其岸的河流、区域沿其一侧的道路、该点附近的道路交叉口或自然村，否则为该点所在的行政区），以及坐标。

输出列：zone_id、zone_type（区域图层有这两个字段时）、east_lon … north_lat（区域的极点，WGS 84 经纬度，6 位小数，与区域边界相差不超过 0.1 米）、area_km2、perimeter_km、description（例如 东至…（东经…，北纬…），南至木兰溪北岸…）和 landmarks（JSON：边界沿行、穿越或经过的每条有名称的道路、河流、自然村或行政区，自正北起按顺时针排列，并给出边界沿行的长度 follows_m）。

ROADS、BARRIERS（河流、山脊屏障）、VILLAGES、UNITS 均为可选；名称字段留空时自动识别（name、road_name、county_name…）。只使用有名称的要素。措辞、判定边界沿线行进的距离、查找交叉口和自然村的半径以及距离的取整都来自规则配置（boundary 部分），因此其他单位的写法无需改代码。LANGUAGE：0 = 中文（默认），1 = 英文。</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Zone boundaries</source>
      <translation>四至描述</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Zones (usually the quarantine zones)</source>
      <translation>区域（通常为疫区）</translation>
    </message>
  </context>
  <context>
    <name>LiftingStatusAlgorithm</name>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>&lt;p&gt;For every zone of the case: how long it has been without detection, and from when it may be lifted (chapter 5, section 6: after eradication and inspection the county government applies to lift the lockdown; the report on lifting: chapter 3, section 1(2)3). Zones are monitored meanwhile (chapter 5, section 4).&lt;/p&gt;&lt;p&gt;A detection counts for the current version of every zone that contains it (a point on the boundary counts as inside). Detections after AS_OF are not counted; every detection needs a date. Without a detection inside, the clock starts at the zone's first declaration (a threatened zone, usually).&lt;/p&gt;&lt;p&gt;eligible_from = last detection + MONTHS_WITHOUT_DETECTION calendar months; a day missing in the shorter month gives its last day (31 January + 1 month = 28 or 29 February). months_clean counts whole months to AS_OF. status: lifted (a declaration lifted the zone), eligible (AS_OF on or after eligible_from), else active. The number of months comes from the rule profile ({profile}: {months}); when the profile names none the parameter is required.&lt;/p&gt;&lt;p&gt;SURVEYS: optional points of negative survey results (with a result field, only 'negative' counts); surveys_since_last_detection counts those in the zone after the last detection.&lt;/p&gt;</source>
      <translation>&lt;p&gt;档案中的每个区域：已连续多久未发现疫情，以及自何日起可以撤销（第五章 六：根除扑灭并经县级农业植物检疫人员审验后，由县级人民政府申请解除封锁；解除封锁的报告：第三章 一(二)3）。期间对区域实施监测（第五章 四）。&lt;/p&gt;&lt;p&gt;一处发现点计入包含它的每个区域的当前版本（位于边界上的点视为在区域内）。AS_OF 之后的发现不计；每处发现都须有日期。区域内没有发现点时，从该区域首次公布之日起计（通常为受威胁区）。&lt;/p&gt;&lt;p&gt;eligible_from = 最后一次发现 + MONTHS_WITHOUT_DETECTION 个日历月；较短的月份没有对应日期时取该月最后一天（1月31日 + 1个月 = 2月28日或29日）。months_clean 为到 AS_OF 为止的整月数。status：lifted（已由公布撤销）、eligible（AS_OF 不早于 eligible_from，可申请撤销），否则 active（封锁中）。月数取自规则配置（{profile}：{months}）；规则配置未规定时必须填写该参数。&lt;/p&gt;&lt;p&gt;SURVEYS：可选的阴性调查结果点（有 result 字段时只计 'negative'）；surveys_since_last_detection 为最后一次发现之后区域内的调查数。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>Active zones</source>
      <translation>封锁中的区域</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>As of (default today)</source>
      <translation>截至日期（默认今天）</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>Case GeoPackage</source>
      <translation>疫情档案 GeoPackage</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>Detection date field</source>
      <translation>发现日期字段</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>Detections (nests found)</source>
      <translation>疫情发现点（发现的蚁巢）</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>Lifted zones</source>
      <translation>已撤销区域</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>Lifting status</source>
      <translation>撤销状态</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>Lifting status of the zones</source>
      <translation>区域撤销状态</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>Months without detection before lifting (1 to {most}; empty: from the rule profile)</source>
      <translation>解除封锁前无疫情的月数（1 至 {most}；为空时取自规则配置）</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>Negative survey results</source>
      <translation>阴性调查结果</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>Rule profile (JSON; empty: Putian 2006)</source>
      <translation>规则配置（JSON；留空：莆田 2006）</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>Survey date field</source>
      <translation>调查日期字段</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>Zones eligible for lifting</source>
      <translation>可申请撤销的区域</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>none (the plan names no number)</source>
      <translation>无（预案未规定具体数字）</translation>
    </message>
  </context>
  <context>
    <name>LockdownMapAlgorithm</name>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Administrative units</source>
      <translation>行政区</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Barriers shown on the map (rivers, ridges)</source>
      <translation>图上显示的屏障（河流、山脊）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Checkpoints (from Road checkpoints)</source>
      <translation>检查站（由“道路出入口检查站”算法生成）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Issue date</source>
      <translation>发布日期</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Issuing authority</source>
      <translation>发布机关</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Lockdown map (PDF)</source>
      <translation>封锁令附图（PDF）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Lockdown order number</source>
      <translation>封锁令文号</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Map (PDF)</source>
      <translation>附图（PDF）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Nests</source>
      <translation>蚁巢</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Occurrence areas</source>
      <translation>发生区</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Orientation</source>
      <translation>方向</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Outbreak grade</source>
      <translation>疫情等级</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Paper</source>
      <translation>纸张</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Preview (PNG, first page)</source>
      <translation>预览图（PNG，第一页）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Prints the zone map annexed to the lockdown order (chapter 5, section 2): the quarantine zone (orange) with, when given, the occurrence areas (red), threatened zones (yellow), nests, numbered road checkpoints, administrative boundaries, and the rivers and ridges (BARRIERS) and roads (ROADS) that explain where the zones stop and where guards stand; title, order number, issuing authority, date and outbreak grade; legend, scale bar, north arrow, longitude/latitude grid, CRS and data sources, the rule profile cited; the table of checkpoints and the table of affected units (from the zones and UNITS), continued on further pages when long. The legend shows only what the map shows; the side panel makes room for it (the tables get shorter and continue on further pages).

BARRIERS: rivers are drawn blue, ridges brown dashed, known from the layer's name (or its table's) or from a field such as 'kind' or 'type'; other barriers get one barrier style.

PAPER: 0 = A4, 1 = A3. ORIENTATION: 0 = landscape, 1 = portrait. The layout comes from resources/layouts/lockdown_map.qpt (landscape) or lockdown_map_portrait.qpt, A4; A3 enlarges every item in proportion. A bureau can edit these templates in the layout designer; items are found by their id.

The map is drawn in the quarantine layer's CRS when it is projected, otherwise in the UTM zone of the zones. Chinese text uses Noto Sans CJK SC (Debian fonts-noto-cjk) or another Chinese font found on the system, embedded in the PDF. The PDF is written only when complete. OUTPUT_PNG (optional) is a preview of the first page.

LANGUAGE: the language of the sheet, 0 = Chinese (default, the language of the lockdown order), 1 = English; it does not follow the language of the interface. Texts a bureau has changed in the template are printed as they are.</source>
      <translation>打印封锁令所附的区域图（第五章 二）：疫区（橙色），以及提供时的发生区（红色）、受威胁区（黄色）、蚁巢、编号的道路出入口检查站、行政区界，以及说明区域止于何处、检查站设在何处的河流、山脊（“图上显示的屏障”）和道路（“图上显示的道路”）；标题、封锁令文号、发布机关、发布日期和疫情等级；图例、比例尺、指北针、经纬网、坐标系和数据来源、所依据的规则配置；检查站表和涉及行政区表（由区域和“行政区”计算），表格过长时在后续页续表。图例只列出图上出现的内容；侧栏为图例让出位置（表格相应缩短，其余行在后续页续表）。

“图上显示的屏障”：河流绘为蓝色，山脊绘为棕色虚线，按图层名（或其数据表名）或 kind、type 等字段判断；其他屏障使用统一的屏障样式。

“纸张”：0 = A4，1 = A3。“方向”：0 = 横向，1 = 纵向。版式取自 resources/layouts/lockdown_map.qpt（横向）或 lockdown_map_portrait.qpt，A4；A3 按比例放大所有元素。各单位可在布局设计器中编辑这些模板；元素按其 ID 查找。

疫区图层为投影坐标系时按其坐标系制图，否则采用区域所在的 UTM 带。中文使用 Noto Sans CJK SC（Debian fonts-noto-cjk）或系统中的其他中文字体，并嵌入 PDF。PDF 仅在完整生成后写出。“预览图”（可选）为第一页的预览图。

“图面语言”：图面文字的语言，0 = 中文（默认，即封锁令的语言），1 = 英文；不随界面语言变化。单位在模板中改过的文字按原样打印。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Quarantine zones</source>
      <translation>疫区</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Roads shown on the map</source>
      <translation>图上显示的道路</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Rule profile (default: Putian 2006)</source>
      <translation>规则配置（默认：莆田2006）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Sheet language</source>
      <translation>图面语言</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Threatened zones</source>
      <translation>受威胁区</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Unit id field (default: guessed)</source>
      <translation>行政区代码字段（默认：自动识别）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Unit name field (default: guessed)</source>
      <translation>行政区名称字段（默认：自动识别）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Villages shown on the map (names drawn)</source>
      <translation>图上显示的自然村（标注村名）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>landscape</source>
      <translation>横向</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>portrait</source>
      <translation>纵向</translation>
    </message>
  </context>
  <context>
    <name>LockdownOrderAlgorithm</name>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Administrative units</source>
      <translation>行政区</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Barriers (rivers, ridges)</source>
      <translation>屏障（河流、山脊）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Checkpoints (from Road checkpoints)</source>
      <translation>检查站（由“道路出入口检查站”算法生成）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Issue date</source>
      <translation>发布日期</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Issuing authority</source>
      <translation>发布机关</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Lockdown order (.docx)</source>
      <translation>封锁令（.docx）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Lockdown order (Word document)</source>
      <translation>封锁令（Word 文档）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Lockdown order number</source>
      <translation>封锁令文号</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Map to attach (PDF or PNG of Lockdown map)</source>
      <translation>附图（“封锁令附图”的 PDF 或 PNG）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Order template (.docx, default: the shipped one)</source>
      <translation>封锁令模板（.docx，默认：随插件提供的模板）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Outbreak grade (3, 2 or 1)</source>
      <translation>疫情等级（3、2 或 1）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Quarantine zones</source>
      <translation>疫区</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Roads</source>
      <translation>道路</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Rule profile (default: Putian 2006)</source>
      <translation>规则配置（默认：莆田 2006）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Threatened zones</source>
      <translation>受威胁区</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Villages</source>
      <translation>自然村</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Writes the lockdown order (封锁令, chapter 5, section 2) as a Word document (.docx) that the bureau edits, signs and stamps: the issuing authority, order number and date; the legal basis (the rule profile's plan and section); each quarantine zone and threatened zone with its area and written boundary (east, south, west and north, with coordinates, as Describe the zone boundary writes it from ROADS, BARRIERS, VILLAGES and UNITS); the affected administrative units; the table of road checkpoints (number, road, longitude, latitude) from Road checkpoints; the measures of the profile for the grade; the duration and how the lockdown is lifted (chapter 5, section 6); and the map (MAP: the PDF or PNG of Lockdown map) as the annex.

GRADE: the outbreak grade, 3, 2 or 1 (from Outbreak grade). AUTHORITY: empty gives the body that issues the order for the grade (chapter 4). ISSUE_DATE: YYYY-MM-DD is written 2025年4月12日; empty leaves blanks to fill in.

TEMPLATE: a .docx of your own (default resources/templates/lockdown_order.docx); its placeholders such as {{order_number}}, {{q.description}} (a paragraph repeated per zone) and {{cp.road}} (a table row repeated per checkpoint) are listed in the README. The order is in Chinese. Needs the Python package python-docx.</source>
      <translation>将封锁令（第五章 二）写成 Word 文档（.docx），供发布单位修改、签发和盖章：发布机关、文号和日期；法律依据（规则配置所依据的预案及条款）；每个疫区和受威胁区的面积及四至（东、南、西、北及坐标，与“疫区四至描述”算法根据 ROADS、BARRIERS（屏障）、VILLAGES 和 UNITS 写出的相同）；涉及的行政区；道路出入口检查站表（编号、道路、经度、纬度，来自“道路出入口检查站”算法）；规则配置中该疫情等级的封锁措施；封锁期限及解除封锁的办法（第五章 六）；以及作为附件的附图（MAP：“封锁令附图”的 PDF 或 PNG）。

GRADE：疫情等级，3、2 或 1（来自“疫情等级判定”）。AUTHORITY：留空时为该等级发布封锁令的机关（第四章）。ISSUE_DATE：YYYY-MM-DD 写成 2025年4月12日；留空则留出空白待填写。

TEMPLATE：自备的 .docx 模板（默认 resources/templates/lockdown_order.docx）；其中的占位符，如 {{order_number}}、{{q.description}}（每个疫区重复一段）和 {{cp.road}}（每个检查站重复一行），见 README。封锁令为中文。需要 Python 包 python-docx。</translation>
    </message>
  </context>
  <context>
    <name>LockdownSheet</name>
    <message>
      <location filename="../processing/period_report.py" />
      <source>(no village name)</source>
      <translation>(无村名)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Added (km²)</source>
      <translation>增加(平方公里)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Administrative boundaries</source>
      <translation>行政区界</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Administrative unit</source>
      <translation>行政区</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Administrative units concerned ([% @rifa_unit_count %])</source>
      <translation>涉及行政区（[% @rifa_unit_count %] 项）</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Area (km²)</source>
      <translation>面积(平方公里)</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Area km²</source>
      <translation>面积km²</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>CRS: {crs}; graticule: WGS 84</source>
      <translation>坐标系：{crs}；经纬网：WGS 84</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Case: {case}. Rule profile: {profile}. Prepared on {date}.</source>
      <translation>疫情档案：{case}。规则配置：{profile}。编制日期：{date}。</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Change</source>
      <translation>变化</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Class</source>
      <translation>等级</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Code</source>
      <translation>代码</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Counties with detections to date</source>
      <translation>累计发生疫情的县(区)数</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>County</source>
      <translation>县(区)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Data sources: {sources}</source>
      <translation>数据来源：{sources}</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Date of issue: [% @rifa_issue_date %]</source>
      <translation>发布日期：[% @rifa_issue_date %]</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Delineated under: {profile}. Internal working map. Made with RIFA Zoning {version}, {date}</source>
      <translation>划定依据：{profile}。内部工作用图。制图：RIFA Zoning {version}，{date}</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Detections</source>
      <translation>发现点数</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Detections to date</source>
      <translation>累计发现点数</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Due</source>
      <translation>时限</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Eradication, lockdown, disinfection, monitoring and quarantine, reported every week to the city and provincial headquarters plant offices (chapter 3, section 1(2)2).</source>
      <translation>扑杀、封锁、消毒、监测、检疫等疫情处理情况，每周向市、省重大动植物疫情防治指挥部农业植物办公室报告一次(第三章 一(二)2)。</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>First found</source>
      <translation>首次发现</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Graticule</source>
      <translation>经纬网</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>In force from</source>
      <translation>生效日期</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Internal working document. Every report also goes to the same-level government (chapter 3, section 1(2)5).</source>
      <translation>内部工作文件。上报疫情时同时报告本级人民政府(第三章 一(二)5)。</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Issued by: [% @rifa_authority %]</source>
      <translation>发布机关：[% @rifa_authority %]</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Item</source>
      <translation>项目</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Last detection</source>
      <translation>最后一次发现</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Last found</source>
      <translation>最后发现</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Latitude</source>
      <translation>纬度</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Legend</source>
      <translation>图例</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Lifting status on {date} (chapter 5, section 6)</source>
      <translation>{date} 疫区撤销状态(第五章 六)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Lockdown map of the red imported fire ant quarantine zone</source>
      <translation>红火蚁疫区封锁范围图</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Lockdown order no.: [% @rifa_order_number %]</source>
      <translation>封锁令文号：[% @rifa_order_number %]</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Longitude</source>
      <translation>经度</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>May be lifted from</source>
      <translation>可申请撤销日期</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Measure</source>
      <translation>措施</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Measures (checklist of the Outbreak response panel)</source>
      <translation>处置措施(疫情应急处置面板的清单)</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Monthly summary of the red imported fire ant outbreak</source>
      <translation>红火蚁疫情月报</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Months without detection</source>
      <translation>连续未发现疫情月数</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Months without detection before lifting: {months}.</source>
      <translation>撤销前须连续未发现疫情的月数：{months}。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Natural barrier</source>
      <translation>自然屏障</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Natural barriers</source>
      <translation>自然屏障</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Negative surveys since</source>
      <translation>此后阴性调查数</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Nests</source>
      <translation>蚁巢</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>New detections</source>
      <translation>新发现疫情</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>New detections by county and village</source>
      <translation>按县(区)和村统计的新发现疫情</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>New occurrence points</source>
      <translation>新增发生点</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>No checklist in the project: the Outbreak response panel keeps it (T0 and the items ticked).</source>
      <translation>项目中没有处置清单：清单由疫情应急处置面板保存(T0 和已勾选的事项)。</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>No survey layer was given.</source>
      <translation>未提供调查图层。</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>No.</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>None</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>None.</source>
      <translation>无。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Occurrence area</source>
      <translation>发生区</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Occurrence areas in force (km²)</source>
      <translation>现行发生区面积(平方公里)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Occurrence point</source>
      <translation>发生点</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Occurrence points to date</source>
      <translation>累计发生点数</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Order number</source>
      <translation>文号</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Outbreak grade: [% @rifa_grade %]</source>
      <translation>疫情等级：[% @rifa_grade %]</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Period: {start} to {end}</source>
      <translation>报告期：{start} 至 {end}</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Plan section</source>
      <translation>预案条款</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Quarantine zone</source>
      <translation>疫区</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Quarantine zones in force (km²)</source>
      <translation>现行疫区面积(平方公里)</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Removed (km²)</source>
      <translation>减少(平方公里)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Ridge (barrier)</source>
      <translation>山脊(屏障)</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>River (barrier)</source>
      <translation>河流(屏障)</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Road</source>
      <translation>道路</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Road entrance checkpoints</source>
      <translation>道路出入口检查站</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Road entrance checkpoints ([% @rifa_checkpoint_count %])</source>
      <translation>道路出入口检查站（[% @rifa_checkpoint_count %] 处）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Roads</source>
      <translation>道路</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Share %</source>
      <translation>占比%</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Summary</source>
      <translation>概况</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Summary of the month, reported before the 1st of the next month to the city and provincial headquarters plant offices (chapter 3, section 1(2)4).</source>
      <translation>本月疫情汇总，于次月1日前上报市、省重大动植物疫情防治指挥部农业植物办公室(第三章 一(二)4)。</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Surveys</source>
      <translation>调查</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Surveys in the period: {total} ({negative} negative, {positive} positive).</source>
      <translation>报告期内调查 {total} 次(阴性 {negative} 次，阳性 {positive} 次)。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>The administrative boundaries are sample data (GCJ-02 coordinates, off by several hundred metres, for illustration only)</source>
      <translation>行政区界为样例数据（GCJ-02 坐标，偏差数百米，仅示意）</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>The rule profile names no number of months without detection: no eligible dates are shown.</source>
      <translation>规则配置未规定连续未发现疫情的月数：不列出可申请撤销日期。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Threatened zone</source>
      <translation>受威胁区</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Threatened zones in force (km²)</source>
      <translation>现行受威胁区面积(平方公里)</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Totals of the month for the city and provincial headquarters plant offices (chapter 3, section 1(2)4)</source>
      <translation>本月汇总(报市、省指挥部农业植物办公室，第三章 一(二)4)</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Value</source>
      <translation>数值</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Village</source>
      <translation>村</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Villages</source>
      <translation>自然村</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Weekly report on the handling of the red imported fire ant outbreak</source>
      <translation>红火蚁疫情处理情况周报</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Zone</source>
      <translation>区域</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Zone changes</source>
      <translation>区域变化</translation>
    </message>
    <message>
      <location filename="../processing/layout_template.py" />
      <source>Zone no.</source>
      <translation>疫区</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Zones changed</source>
      <translation>变化的区域</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Zones in force</source>
      <translation>现行区域数</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Zones in force on {date}</source>
      <translation>{date} 现行区域</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>computed result</source>
      <translation>计算结果</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>done {time}</source>
      <translation>已完成 {time}</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>fewer than {n} occurrence points</source>
      <translation>不足{n}个发生点</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>in force</source>
      <translation>未撤销</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>lifted</source>
      <translation>已撤销</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>may be lifted</source>
      <translation>可申请撤销</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>meets the {n}-point rule</source>
      <translation>符合{n}个发生点规则</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>new</source>
      <translation>新设</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>overdue</source>
      <translation>已逾期</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>revised</source>
      <translation>调整</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>unchanged</source>
      <translation>未变</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>{name} ({crs})</source>
      <translation>{name}（{crs}）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>{text}. {note}</source>
      <translation>{text}。{note}</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>{title} (continued)</source>
      <translation>{title}（续表）</translation>
    </message>
  </context>
  <context>
    <name>OutbreakGradeAlgorithm</name>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Affected cities</source>
      <translation>涉及设区市数</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Affected counties</source>
      <translation>涉及的县（市、区）</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Choose the nests layer and the county-level units layer.</source>
      <translation>请选择蚁巢图层和县级行政区图层。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>City code field (empty: derive from 6-digit county adcodes)</source>
      <translation>设区市代码字段（留空：由 6 位县级行政区划代码推算）</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>City name field</source>
      <translation>设区市名称字段</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>County code field (adcode)</source>
      <translation>县级代码字段（adcode）</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>County name field</source>
      <translation>县级名称字段</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>County-level units (administrative areas)</source>
      <translation>县级行政区（行政区域）</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Decides the outbreak grade (chapter 1, section 4) from the county-level units that hold nests: Grade III when nests lie in 1 county-level unit (chapter 1, section 4(1)); Grade II in 2 or more counties (chapter 1, section 4(2)); Grade I in 2 or more prefecture-level cities or in 10 or more counties of the province (chapter 1, section 4(3)). "Or more" includes the number itself (chapter 7, section 2). Thresholds come from the rule profile.

The grade decides who activates the plan and who issues the lockdown order (chapter 4); the log names them.

ADMIN: county-level units, any CRS (nests in another CRS are reprojected). Without a city code field the city is derived from 6-digit county adcodes (350304 → 350300). PROVINCE_FIELD: affected counties are counted per province for the 10-county rule (the plan is a provincial plan); without it the whole layer counts as one province.

OVERRIDE_GRADE (0 = none, 1 = II, 2 = I) raises the grade when a higher authority designates it or for special circumstances; it never lowers it, needs OVERRIDE_REASON (who decided, why) and is recorded.

Outputs: GRADE (3, 2, 1; 0 when no nest lies in any unit), GRADE_LABEL, RULE (the rule that gave the grade, with its section), N_COUNTIES, N_CITIES, N_UNASSIGNED (nests outside every unit, also warned) and the table of affected counties.</source>
      <translation>根据有蚁巢分布的县级行政区确定疫情等级（第一章 四）：蚁巢位于 1 个县级行政区域内为三级疫情（第一章 四(一)）；在 2 个以上县（区）发生为二级疫情（第一章 四(二)）；在 2 个以上设区市发生或全省 10 个以上县（市、区）发生为一级疫情（第一章 四(三)）。“以上”均含本数（第七章 二）。阈值取自规则配置。

疫情等级决定由谁启动预案、由谁发布封锁令（第四章）；日志中列出相应机关。

“县级行政区”：县级行政区，坐标系不限（其他坐标系的蚁巢会被重投影）。没有设区市代码字段时，由 6 位县级行政区划代码推算设区市（350304 → 350300）。“省份字段”：按省分别统计涉及的县，用于“10 个以上县”规则（本预案为省内预案）；不指定时整个图层视为一个省。

“提升疫情等级”（0 = 不调整，1 = 二级，2 = 一级）用于上级规定或特殊情况需要提升等级时；只升不降，须填写“提升等级的理由”（谁决定、理由），并记入处理记录。

输出：GRADE（3、2、1；没有蚁巢位于任何行政区内时为 0）、GRADE_LABEL、RULE（得出该等级的规则及其条款）、N_COUNTIES、N_CITIES、N_UNASSIGNED（位于所有行政区之外的蚁巢，同时给出警告）以及涉及县（市、区）表。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Grade (3, 2, 1; 0 = no nest in any unit)</source>
      <translation>疫情等级（3、2、1；0 = 没有蚁巢位于任何行政区内）</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Grade label</source>
      <translation>疫情等级名称</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Grade raised by override from {computed} (reason: {reason}).</source>
      <translation>疫情等级已由 {computed} 人工提升（理由：{reason}）。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Grade: {label}</source>
      <translation>疫情等级：{label}</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Nests</source>
      <translation>蚁巢</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Nests outside every unit</source>
      <translation>位于所有行政区之外的蚁巢</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Outbreak grade</source>
      <translation>疫情等级</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Plan activated by: {activated}; lockdown order issued by: {order} ({citation}).</source>
      <translation>启动预案：{activated}；发布封锁令：{order}（{citation}）。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Province field (10-county rule counted per province)</source>
      <translation>省份字段（“10 个以上县”规则按省统计）</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Raise the grade (designated by a higher authority / special circumstances)</source>
      <translation>提升疫情等级（上级规定或特殊情况）</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Reason for raising the grade (who decided it, why)</source>
      <translation>提升等级的理由（由谁决定、为何提升）</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Rule profile (empty: Putian 2006)</source>
      <translation>规则配置（留空：莆田2006）</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Rule profile: {profile}</source>
      <translation>规则配置：{profile}</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Rule that gave the grade</source>
      <translation>得出疫情等级的规则</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Rule that gave the grade (Chinese)</source>
      <translation>得出疫情等级的规则（中文）</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>none</source>
      <translation>不调整</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>{label}: {rule}; {count} nest(s) outside every unit</source>
      <translation>{label}：{rule}；{count} 个蚁巢位于所有行政区之外</translation>
    </message>
  </context>
  <context>
    <name>PeriodReportAlgorithm</name>
    <message>
      <location filename="../processing/period_report.py" />
      <source>&lt;p&gt;Writes the report of a period of the case as a Word document: the weekly handling report (PERIOD 0: the 7 days ending on PERIOD_END; chapter 3, section 1(2)2) or the monthly summary (PERIOD 1: the calendar month containing PERIOD_END, due before the 1st of the next month; chapter 3, section 1(2)4).&lt;/p&gt;&lt;p&gt;It lists the new detections by county (COUNTIES, optional) and village (VILLAGE_FIELD, optional), the new occurrence points (a village whose first detection lies in the period; detections without a village are grouped by GROUPING_DISTANCE), the zone changes and the zones in force from the case, the measures done and overdue from the checklist of the Outbreak response panel (saved in the project; GRADE chooses the grade's checklist), the surveys of the period (SURVEYS, optional) and the lifting status (chapter 5, section 6). The monthly report adds the month's totals for the city and provincial offices. Detections after PERIOD_END are not counted.&lt;/p&gt;&lt;p&gt;Output values: N_NEW_DETECTIONS, N_NEW_OCCURRENCE_POINTS, N_ZONES_CHANGED (zones new, revised or lifted in the period), AREA_QUARANTINE_KM2 (quarantine zones in force on the last day). The report is in Chinese unless LANGUAGE = English.&lt;/p&gt;</source>
      <translation>&lt;p&gt;将疫情档案某一报告期的报告写成 Word 文档：每周疫情处理情况报告（PERIOD 0：截至 PERIOD_END 的7天；第三章 一(二)2）或月度汇总（PERIOD 1：PERIOD_END 所在的日历月，于次月1日前上报；第三章 一(二)4）。&lt;/p&gt;&lt;p&gt;报告列出按县（区）（COUNTIES，可选）和村（VILLAGE_FIELD，可选）统计的新发现疫情、新增发生点（首次发现在报告期内的村；无村名的发现点按 GROUPING_DISTANCE 分组）、档案中的区域变化和现行区域、疫情应急处置面板清单中已完成和已逾期的措施（保存在项目中；GRADE 选择相应疫情等级的清单）、报告期内的调查（SURVEYS，可选）和撤销状态（第五章 六）。月报另列本月汇总，供报市、省办公室。PERIOD_END 之后的发现不计。&lt;/p&gt;&lt;p&gt;输出值：N_NEW_DETECTIONS、N_NEW_OCCURRENCE_POINTS、N_ZONES_CHANGED（报告期内新设、调整或撤销的区域）、AREA_QUARANTINE_KM2（最后一天现行疫区面积）。除非 LANGUAGE = English，报告为中文。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Case GeoPackage</source>
      <translation>疫情档案 GeoPackage</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>County name field</source>
      <translation>县（区）名称字段</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>County-level units</source>
      <translation>县级行政区</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Detection date field</source>
      <translation>发现日期字段</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Detections (nests found)</source>
      <translation>疫情发现点（发现的蚁巢）</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Grouping distance of detections without a village (0 to {most:g} m)</source>
      <translation>无村庄的发现点合并距离（0 至 {most:g} 米）</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Monthly (calendar month)</source>
      <translation>月报（日历月）</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Months without detection before lifting (1 to {most}; empty: from the rule profile)</source>
      <translation>解除封锁前无疫情的月数（1 至 {most}；为空时取自规则配置）</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>New detections</source>
      <translation>新发现疫情</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>New occurrence points</source>
      <translation>新增发生点</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Outbreak grade of the checklist</source>
      <translation>清单对应的疫情等级</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Period</source>
      <translation>报告期</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Period end (default today)</source>
      <translation>报告期截止日（默认今天）</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Quarantine zones in force (km²)</source>
      <translation>现行疫区面积（平方公里）</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Report</source>
      <translation>报告</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Report language</source>
      <translation>报告语言</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Rule profile (JSON; empty: Putian 2006)</source>
      <translation>规则配置（JSON；留空：莆田 2006）</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Survey date field</source>
      <translation>调查日期字段</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Survey results</source>
      <translation>调查结果</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Village field</source>
      <translation>村名字段</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Weekly (7 days ending on the period end)</source>
      <translation>周报（截至报告期截止日的7天）</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Weekly or monthly report (.docx)</source>
      <translation>周报或月报（.docx）</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Word document (*.docx)</source>
      <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
      <location filename="../processing/period_report.py" />
      <source>Zones changed</source>
      <translation>变化的区域</translation>
    </message>
  </context>
  <context>
    <name>RifaAlgorithm</name>
    <message>
      <location filename="../processing/base.py" />
      <source>Lockdown order</source>
      <translation>封锁令</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>Outbreak response</source>
      <translation>疫情应急处置</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>Recorded in {path}.</source>
      <translation>已记入 {path}。</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>Records log</source>
      <translation>处理记录</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>Started a new records log at {path} (there was none).</source>
      <translation>已在 {path} 新建处理记录（原先没有）。</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>Stopped by the signal {signal}: no output was written or replaced.</source>
      <translation>收到信号 {signal}，已停止：没有写入或替换任何输出。</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>Zoning</source>
      <translation>疫区划定</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>rifa:{algorithm} stopped on an unexpected error ({error}). No output was written. Please report it with the details from the log panel (tab RIFA Zoning).</source>
      <translation>rifa:{algorithm} 因意外错误而停止（{error}）。未写入任何输出。请连同日志面板（RIFA Zoning 选项卡）中的详细信息一并报告。</translation>
    </message>
  </context>
  <context>
    <name>RifaZoning</name>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <location filename="../dialogs/steps.py" />
      <source>1. Zones…</source>
      <translation>1. 划定疫区…</translation>
    </message>
    <message>
      <location filename="../dialogs/steps.py" />
      <source>2. Grade…</source>
      <translation>2. 疫情等级…</translation>
    </message>
    <message>
      <location filename="../dialogs/steps.py" />
      <source>3. Checkpoints…</source>
      <translation>3. 检查站…</translation>
    </message>
    <message>
      <location filename="../dialogs/steps.py" />
      <source>4. Affected units…</source>
      <translation>4. 涉及行政区…</translation>
    </message>
    <message>
      <location filename="../dialogs/steps.py" />
      <source>5. Lockdown map…</source>
      <translation>5. 封锁图…</translation>
    </message>
    <message>
      <location filename="../dialogs/steps.py" />
      <source>6. Lockdown order…</source>
      <translation>6. 封锁令…</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Affected units</source>
      <translation>涉及行政区</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Append-only log in {path}</source>
      <translation>只追加记录，保存在 {path}</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Barriers (rivers, ridges)</source>
      <translation>屏障（河流、山脊）</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>CSV files (*.csv)</source>
      <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
      <location filename="../tools/store_postgres.py" />
      <source>Cannot connect to the PostgreSQL store {store}: {error}</source>
      <translation>无法连接 PostgreSQL 共享库 {store}：{error}</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>Cannot write the records GeoPackage {path}: {error}</source>
      <translation>无法写入处理记录 GeoPackage {path}：{error}</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>Cannot write the records GeoPackage {path}: {error}. The file or its folder cannot be written (a read-only disk or folder?). Nothing was done.</source>
      <translation>无法写入处理记录 GeoPackage {path}：{error}。该文件或其所在文件夹不可写（只读磁盘或文件夹？）。未做任何处理。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Case GeoPackage</source>
      <translation>案例 GeoPackage</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Case GeoPackage: {path}</source>
      <translation>案例 GeoPackage：{path}</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Case after the first day</source>
      <translation>首日之后的疫情档案</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Checkpoints</source>
      <translation>检查站</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Choose a GeoPackage…</source>
      <translation>选择 GeoPackage…</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Choose a records file…</source>
      <translation>选择记录文件…</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Choose the field '{field}' of layer '{layer}': none of its fields ({fields}) looks like one.</source>
      <translation>请为图层“{layer}”选择“{field}”字段：其字段（{fields}）中没有一个像是该字段。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Choose the nests layer and the county-level units layer.</source>
      <translation>请选择蚁巢图层和县级行政区图层。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>City code (empty: from adcode)</source>
      <translation>设区市代码（留空：由 adcode 推算）</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>City name</source>
      <translation>设区市名称</translation>
    </message>
    <message>
      <location filename="../tools/store_postgres.py" />
      <source>Could not create the store in {store} (schema {schema}): {error}. Nothing was changed.</source>
      <translation>无法在 {store} 中创建共享库（模式 {schema}）：{error}。未做任何更改。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>County code (adcode)</source>
      <translation>县级代码（adcode）</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>County name</source>
      <translation>县级名称</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>County-level units</source>
      <translation>县级行政区</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Crossings (bridges, passes)</source>
      <translation>通道（桥梁、山口）</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Declaration {number}</source>
      <translation>第{number}次公布</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Declarations</source>
      <translation>区域公布</translation>
    </message>
    <message>
      <location filename="../dialogs/steps.py" />
      <source>Declare zones…</source>
      <translation>公布区域…</translation>
    </message>
    <message>
      <location filename="../plugin.py" />
      <source>Delineate outbreak zones…</source>
      <translation>划定疫情区域…</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Designated by a higher authority or special circumstances (chapter 1, sections 4(2) and 4(3)): raises, never lowers.</source>
      <translation>上级规定或特殊情况（第一章 四(二)、四(三)）：只升不降。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Detection date field</source>
      <translation>发现日期字段</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Done</source>
      <translation>完成</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Done at</source>
      <translation>完成时间</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Due</source>
      <translation>期限</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Event</source>
      <translation>事项</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>Every record was deleted (numbers up to {seq} were used).</source>
      <translation>所有记录都已被删除（编号曾用到 {seq}）。</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Export CSV…</source>
      <translation>导出 CSV…</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Export the records as CSV</source>
      <translation>将处理记录导出为 CSV</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>GeoPackage (*.gpkg)</source>
      <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Grade: —</source>
      <translation>疫情等级：—</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Latest zoning run ({time}): {result}</source>
      <translation>最近一次疫区划定（{time}）：{result}</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Latest zoning run: {zones}</source>
      <translation>最近一次疫区划定：{zones}</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Lifting status</source>
      <translation>撤销状态</translation>
    </message>
    <message>
      <location filename="../dialogs/steps.py" />
      <source>Lifting status…</source>
      <translation>撤销状态…</translation>
    </message>
    <message>
      <location filename="../dialogs/map_layout.py" />
      <source>Lockdown map</source>
      <translation>封锁图</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Lockdown map written: {path} ({pages} page(s)).</source>
      <translation>封锁图已写出：{path}（{pages} 页）。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Lockdown map written: {path} ({pages} page(s)); print layout '{layout}' in the project.</source>
      <translation>封锁图已写出：{path}（{pages} 页）；工程中已有打印布局“{layout}”。</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Lockdown order written: {path}.</source>
      <translation>封锁令已写出：{path}。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Measure / report</source>
      <translation>措施 / 报告</translation>
    </message>
    <message>
      <location filename="../tools/store_postgres.py" />
      <source>Migration {version}: {description}</source>
      <translation>迁移 {version}：{description}</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Monthly report</source>
      <translation>月报</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Natural villages</source>
      <translation>自然村</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Nests</source>
      <translation>蚁巢</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>No grade</source>
      <translation>未定级</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>No records GeoPackage yet: save the project or choose one.</source>
      <translation>尚无处理记录 GeoPackage：请保存工程或选择一个文件。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>No zoning run yet: run zoning (below) to draw the zones.</source>
      <translation>尚未划定疫区：请运行疫区划定（见下方）绘制各区域。</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>No.</source>
      <translation>序号</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Not recorded: save the project or choose a records GeoPackage first.</source>
      <translation>未记录：请先保存工程或选择记录 GeoPackage。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Nothing declared yet: declare the zones once the order is issued.</source>
      <translation>尚未公布区域：封锁令发布后请公布区域。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Occurrence areas</source>
      <translation>发生区</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Occurrence points</source>
      <translation>发生点</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Open PDF</source>
      <translation>打开 PDF</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Open document</source>
      <translation>打开文档</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Outbreak case</source>
      <translation>疫情案例</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Outbreak case: layers and fields</source>
      <translation>疫情案例：图层与字段</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Outbreak counties</source>
      <translation>发生疫情的县</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Outbreak grade (chapter 1, section 4)</source>
      <translation>疫情等级（第一章 四）</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Outbreak response</source>
      <translation>疫情应急处置</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Overdue — {rule}</source>
      <translation>已逾期 — {rule}</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Parameters</source>
      <translation>参数</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Plan activated by: {activated}
Lockdown order issued by: {order}
Headquarters: {hq}  ({citation})</source>
      <translation>启动预案：{activated}
发布封锁令：{order}
指挥机构：{hq}（{citation}）</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Province</source>
      <translation>省份</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>QGIS project (*.qgz)</source>
      <translation>QGIS 工程 (*.qgz)</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Quarantine zone {id}</source>
      <translation>疫区 {id}</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Quarantine zones</source>
      <translation>疫区</translation>
    </message>
    <message>
      <location filename="../plugin.py" />
      <source>RIFA Zoning</source>
      <translation>红火蚁疫区划定</translation>
    </message>
    <message>
      <location filename="../tools/dependencies.py" />
      <source>RIFA Zoning needs the Python package shapely 2 or newer (found: {found}). Install it for the Python that QGIS uses, then restart QGIS: on Windows (OSGeo4W Shell) run 'python -m pip install "shapely&gt;=2"'; on Debian/Ubuntu run 'make venv' in the plugin folder and start QGIS with 'make qgis' (or put that venv's site-packages on PYTHONPATH); see the README.</source>
      <translation>红火蚁疫区划定插件需要 Python 包 shapely 2 或更高版本（当前：{found}）。请为 QGIS 所用的 Python 安装该包，然后重启 QGIS：Windows 下在 OSGeo4W Shell 中运行 'python -m pip install "shapely&gt;=2"'；Debian/Ubuntu 下在插件目录运行 'make venv'，再用 'make qgis' 启动 QGIS（或将该 venv 的 site-packages 加入 PYTHONPATH）；详见 README。</translation>
    </message>
    <message>
      <location filename="../plugin.py" />
      <source>RIFA Zoning tools (Processing)</source>
      <translation>红火蚁疫区划定工具（处理工具箱）</translation>
    </message>
    <message>
      <location filename="../processing/provider.py" />
      <source>RIFA quarantine zoning</source>
      <translation>红火蚁疫区划定</translation>
    </message>
    <message>
      <location filename="../processing/provider.py" />
      <source>RIFA quarantine zoning (red imported fire ant)</source>
      <translation>红火蚁（RIFA）疫区划定</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>Record {fid} is missing (deleted).</source>
      <translation>第 {fid} 条记录缺失（已被删除）。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>Record {fid}: the field(s) {fields} hold data that is not text.</source>
      <translation>第 {fid} 条记录：字段 {fields} 中的数据不是文本。</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Records</source>
      <translation>处理记录</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Records (chapter 5, section 8)</source>
      <translation>处理记录（第五章 八）</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Records GeoPackage</source>
      <translation>处理记录 GeoPackage</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>Records {first}–{last} are missing (deleted).</source>
      <translation>第 {first}–{last} 条记录缺失（已被删除）。</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Reports</source>
      <translation>报告</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Required measures and reports (chapter 3, section 1; chapter 5)</source>
      <translation>应采取的措施和报告（第三章 一，第五章）</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Responsible</source>
      <translation>责任单位</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Result</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Road class field</source>
      <translation>道路等级字段</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Road name field</source>
      <translation>道路名称字段</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Roads</source>
      <translation>道路</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Save project</source>
      <translation>保存工程</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Save project…</source>
      <translation>保存工程…</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Save the project first: the steps write their layers into a GeoPackage beside it.</source>
      <translation>请先保存工程：各步骤把图层写入工程旁的 GeoPackage。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Save the project or choose a GeoPackage: nothing is recorded yet.</source>
      <translation>请保存工程或选择一个 GeoPackage：目前尚未记录任何内容。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Set T0 (when the suspected outbreak was reported) to see the deadlines.</source>
      <translation>请设置 T0（疑似疫情报告时间）以显示各项时限。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Show records…</source>
      <translation>查看处理记录…</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Started a new records log at {path} (there was none).</source>
      <translation>已在 {path} 新建处理记录（原先没有）。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Steps (outputs go to the case GeoPackage beside the project)</source>
      <translation>处置步骤（结果写入工程旁的案例 GeoPackage）</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Survey plan</source>
      <translation>调查计划</translation>
    </message>
    <message>
      <location filename="../dialogs/steps.py" />
      <source>Survey plan…</source>
      <translation>调查计划…</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Survey points</source>
      <translation>调查点</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Surveys</source>
      <translation>调查</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>T0, outbreak reported at:</source>
      <translation>T0，疫情报告时间：</translation>
    </message>
    <message>
      <location filename="../tools/store_postgres.py" />
      <source>The PostgreSQL store needs the Python module psycopg2, which is missing: install it (Debian: apt install python3-psycopg2; OSGeo4W: it comes with QGIS).</source>
      <translation>PostgreSQL 共享库需要 Python 模块 psycopg2，但未安装：请安装（Debian：apt install python3-psycopg2；OSGeo4W：随 QGIS 提供）。</translation>
    </message>
    <message>
      <location filename="../tools/store_postgres.py" />
      <source>The PostgreSQL store {store} failed: {error}. Nothing was recorded; the records already in it are intact.</source>
      <translation>PostgreSQL 共享库 {store} 出错：{error}。未写入任何记录；已有记录完好。</translation>
    </message>
    <message>
      <location filename="../tools/store_postgres.py" />
      <source>The PostgreSQL store {store} has no records schema '{schema}' yet: ask the administrator to create it (rifa:createstore, or make store).</source>
      <translation>PostgreSQL 共享库 {store} 中还没有处理记录模式“{schema}”：请管理员创建（rifa:createstore 或 make store）。</translation>
    </message>
    <message>
      <location filename="../tools/dependencies.py" />
      <source>The Word documents (rifa:lockdownorder, rifa:periodreport) need the Python package python-docx (found: not installed). Install it for the Python that QGIS uses, then restart QGIS: on Windows (OSGeo4W Shell) run 'python -m pip install python-docx'; on Debian/Ubuntu run 'make venv' in the plugin folder and start QGIS with 'make qgis' (or put that venv's site-packages on PYTHONPATH); see the README.</source>
      <translation>Word 文档（rifa:lockdownorder、rifa:periodreport）需要 Python 包 python-docx（当前：未安装）。请为 QGIS 所用的 Python 安装该包，然后重启 QGIS：Windows 下在 OSGeo4W Shell 中运行 'python -m pip install python-docx'；Debian/Ubuntu 下在插件目录运行 'make venv'，再用 'make qgis' 启动 QGIS（或将该 venv 的 site-packages 加入 PYTHONPATH）；详见 README。</translation>
    </message>
    <message>
      <location filename="../tools/store_postgres.py" />
      <source>The database user of {store} may not add records (no INSERT on {table}): ask the administrator to make it a member of the technicians' role.</source>
      <translation>{store} 的数据库用户无权添加记录（对 {table} 没有 INSERT 权限）：请管理员将其加入技术人员角色。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>The file cannot be read as a GeoPackage ({error}).</source>
      <translation>该文件无法作为 GeoPackage 读取（{error}）。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>The file is damaged ({error}).</source>
      <translation>该文件已损坏（{error}）。</translation>
    </message>
    <message>
      <location filename="../tools/store_postgres.py" />
      <source>The head of the chain ({table}) is missing.</source>
      <translation>哈希链的链头（{table}）缺失。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>The last record(s) after record {fid} were deleted (numbers up to {seq} were used).</source>
      <translation>第 {fid} 条之后的最后若干条记录已被删除（编号曾用到 {seq}）。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>The plan requires a record of every step (chapter 5, section 8), but this project is not saved yet. Save the project (the records go beside it) or choose a records GeoPackage.</source>
      <translation>预案要求详细记录处理全过程（第五章 八），但本工程尚未保存。请保存工程（记录文件放在工程旁），或选择记录 GeoPackage。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>The records GeoPackage {path} is locked by another program ({error}). Nothing was recorded and the records already in it are intact. Close the other program (or stop editing the table) and try again.</source>
      <translation>处理记录 GeoPackage {path} 被其他程序锁定（{error}）。本次未记录任何内容，已有记录完好无损。请关闭该程序（或停止编辑该表）后重试。</translation>
    </message>
    <message>
      <location filename="../tools/store_postgres.py" />
      <source>The records log {path} is damaged or was altered, so nothing was recorded and nothing was done: {problems}</source>
      <translation>处理记录 {path} 已损坏或被改动，因此未写入任何记录，也未执行任何操作：{problems}</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>The records log {path} is damaged or was altered, so nothing was recorded and nothing was done: {problems} Keep this file as it is (it is the evidence) and choose a new records file in the dock (Records), or restore a copy.</source>
      <translation>处理记录 {path} 已损坏或被改动，因此没有记录也没有执行任何处理：{problems} 请原样保留该文件（它是证据），并在停靠面板（处理记录）中选择新的记录文件，或恢复一份副本。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>The records path {path} is a folder: choose a GeoPackage file (.gpkg) for the records.</source>
      <translation>处理记录路径 {path} 是一个文件夹：请为处理记录选择一个 GeoPackage 文件（.gpkg）。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>The records table has other columns than a records log ({columns}).</source>
      <translation>记录表的列与处理记录不符（{columns}）。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>The records table is missing, but the file held a log ({traces}): it was deleted.</source>
      <translation>记录表缺失，但该文件曾保存处理记录（{traces}）：记录表已被删除。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>The steps write their layers into a GeoPackage beside the project, and this project is not saved yet. Save the project, or choose the case GeoPackage.</source>
      <translation>各步骤把图层写入工程旁的 GeoPackage，而本工程尚未保存。请保存工程，或选择案例 GeoPackage。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>The table {name} that belongs to the log is missing: it was deleted.</source>
      <translation>属于处理记录的表 {name} 缺失：它已被删除。</translation>
    </message>
    <message>
      <location filename="../tools/store_postgres.py" />
      <source>The trigger {name} that keeps the log append-only is missing or disabled: records could have been changed or deleted.</source>
      <translation>保证记录只能追加的触发器 {name} 缺失或被禁用：记录可能已被修改或删除。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>The trigger {name} that keeps the log append-only is missing: records could have been changed or deleted.</source>
      <translation>保证记录只能追加的触发器 {name} 缺失：记录可能已被修改或删除。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>The trigger {name} was altered.</source>
      <translation>触发器 {name} 已被改动。</translation>
    </message>
    <message>
      <location filename="../tools/store_postgres.py" />
      <source>There is no PostgreSQL connection named '{name}' in QGIS (Browser ▸ PostgreSQL), and it is no connection string (service=… or host=… dbname=…).</source>
      <translation>QGIS 中没有名为“{name}”的 PostgreSQL 连接（浏览器 ▸ PostgreSQL），它也不是连接字符串（service=… 或 host=… dbname=…）。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>There is no records log at {path}.</source>
      <translation>{path} 处没有处理记录。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Threatened zones</source>
      <translation>受威胁区</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>User</source>
      <translation>用户</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>Village name field</source>
      <translation>村名字段</translation>
    </message>
    <message>
      <location filename="../dialogs/steps.py" />
      <source>Weekly or monthly report…</source>
      <translation>周报或月报…</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Weekly report</source>
      <translation>周报</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Zone versions, reports, surveys and lifting (chapter 3, section 1(2); chapter 5, sections 4 and 6)</source>
      <translation>区域版本、报告、调查与撤销（第三章 一(二)；第五章 四、六）</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>Zones declared in {path}: {summary}.</source>
      <translation>区域已公布，写入 {path}：{summary}。</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>active</source>
      <translation>封锁中</translation>
    </message>
    <message>
      <location filename="../processing/styles.py" />
      <source>below the minimum of occurrence points</source>
      <translation>发生点数不足</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>done</source>
      <translation>已完成</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>done {time}: {summary}</source>
      <translation>已完成 {time}：{summary}</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>eligible for lifting</source>
      <translation>可申请撤销</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>eligible from {date}: in {days} day(s)</source>
      <translation>自 {date} 起可申请撤销：还有 {days} 天</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>eligible since {date}: write the report on lifting (chapter 3, section 1(2)3)</source>
      <translation>自 {date} 起可申请撤销：请撰写解除封锁审查报告（第三章 一(二)3）</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>lifted</source>
      <translation>已撤销</translation>
    </message>
    <message>
      <location filename="../processing/styles.py" />
      <source>meets the rule</source>
      <translation>符合发生点数规则</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>new</source>
      <translation>新增</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>next {time} ({rule})</source>
      <translation>下次 {time}（{rule}）</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>no number of months without detection given</source>
      <translation>未给出无疫情月数</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>no order number</source>
      <translation>无文号</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>no override</source>
      <translation>不调整等级</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>not done</source>
      <translation>未完成</translation>
    </message>
    <message>
      <location filename="../tools/dependencies.py" />
      <source>not installed</source>
      <translation>未安装</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>not run yet</source>
      <translation>尚未运行</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>not set</source>
      <translation>未设置</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>occurrence area</source>
      <translation>发生区</translation>
    </message>
    <message>
      <location filename="../processing/styles.py" />
      <source>occurrence point</source>
      <translation>发生点</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>overdue: not ticked as sent</source>
      <translation>已逾期：清单中未勾选为已报送</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>override removed</source>
      <translation>已取消等级调整</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>override set</source>
      <translation>已设置等级调整</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>quarantine zone</source>
      <translation>疫区</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>raise to Grade I</source>
      <translation>提升为一级疫情</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>raise to Grade II</source>
      <translation>提升为二级疫情</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>record {fid} ({time}, {action})</source>
      <translation>第 {fid} 条记录（{time}，{action}）</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>report time set</source>
      <translation>已设置报告时间</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>revised</source>
      <translation>修订</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>run {steps} first</source>
      <translation>请先运行 {steps}</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>stale: its inputs changed since the run of {time}; run it again</source>
      <translation>已过期：输入自 {time} 运行后已改变，请重新运行</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>the folder {folder} is read-only</source>
      <translation>文件夹 {folder} 为只读</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>threatened zone</source>
      <translation>受威胁区</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>tick it in the checklist once sent</source>
      <translation>报送后请在清单中勾选</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>unchanged</source>
      <translation>未变</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>who decided it, and why</source>
      <translation>由谁决定，理由是什么</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{counties} county-level unit(s) in {cities} city(ies); profile {profile}</source>
      <translation>{cities} 个设区市的 {counties} 个县级行政区；规则配置 {profile}</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{count} nest(s) lie outside every county-level unit and are not graded.</source>
      <translation>{count} 个蚁巢位于所有县级行政区之外，未参与定级。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{count} overdue</source>
      <translation>{count} 项已逾期</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{count} record(s)</source>
      <translation>{count} 条记录</translation>
    </message>
    <message>
      <location filename="../dialogs/records_dialog.py" />
      <source>{count} record(s) written to {path}.</source>
      <translation>已将 {count} 条记录写入 {path}。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>{count} record(s); the chain of hashes and the triggers are intact.</source>
      <translation>共 {count} 条记录；哈希链和触发器完好。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>{count} record(s); the log was altered or is damaged: {problems}</source>
      <translation>共 {count} 条记录；处理记录被改动或已损坏：{problems}</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>{count} {change}</source>
      <translation>{change} {count} 个</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{id} is not available yet in this version of the plugin.</source>
      <translation>本版本插件尚未提供 {id}。</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>{kind} {zone} (version {version})</source>
      <translation>{kind} {zone}（第 {version} 版）</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{layer} ({count})</source>
      <translation>{layer}（{count}）</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>{legacy} of them are from before the chain and are covered by its first record.</source>
      <translation>其中 {legacy} 条早于哈希链，由链的第一条记录覆盖。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{name}: {count} zone(s), {area:.1f} km²</source>
      <translation>{name}：{count} 个区域，{area:.1f} km²</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>{new} new, {revised} revised, {unchanged} unchanged, {lifted} lifted</source>
      <translation>新增 {new} 个，修订 {revised} 个，未变 {unchanged} 个，撤销 {lifted} 个</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>{order}: {changes}; quarantine zones {area:.1f} km²</source>
      <translation>{order}：{changes}；疫区 {area:.1f} km²</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{path} (default, created on the first record)</source>
      <translation>{path}（默认，首次记录时创建）</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>{path} holds no records log.</source>
      <translation>{path} 中没有处理记录。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>{path} is not a GeoPackage: choose a .gpkg file for the records.</source>
      <translation>{path} 不是 GeoPackage：请为处理记录选择一个 .gpkg 文件。</translation>
    </message>
    <message>
      <location filename="../dialogs/response_dock.py" />
      <source>{problem} {outside}</source>
      <translation>{problem}{outside}</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>{record} (from before the chain) was added later.</source>
      <translation>{record}（早于哈希链）是后来添加的。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>{record} (from before the chain) was changed.</source>
      <translation>{record}（早于哈希链）已被修改。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>{record} does not match its hash: it was changed, or a record before it was removed or changed.</source>
      <translation>{record} 与其哈希不符：该记录被修改过，或其前面的记录被删除或修改过。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>{record} has no hash: it was added by hand or by an older version of the plugin.</source>
      <translation>{record} 没有哈希：它是手工添加的，或由旧版插件写入。</translation>
    </message>
    <message>
      <location filename="../tools/store_postgres.py" />
      <source>{record} is not the record the chain ends with: it was changed.</source>
      <translation>{record} 不是哈希链末端的那条记录：它已被修改。</translation>
    </message>
    <message>
      <location filename="../tools/records.py" />
      <source>{record} should list the records from before the chain and does not.</source>
      <translation>{record} 应列出早于哈希链的记录，但没有列出。</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>{report} due</source>
      <translation>{report}应报</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>{report} to {end} written: {path} ({count} new detection(s)).</source>
      <translation>截至 {end} 的{report}已写出：{path}（新发现 {count} 处）。</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>{report} written</source>
      <translation>{report}已写出</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>{status}; last detection {last}; {surveys} survey(s) since; {countdown}</source>
      <translation>{status}；最后一次发现 {last}；此后调查 {surveys} 次；{countdown}</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>{step}: {layers} in {path}.</source>
      <translation>{step}：{layers}，已写入 {path}。</translation>
    </message>
    <message>
      <location filename="../dialogs/case_life.py" />
      <source>{text} Field package for QField: {path}.</source>
      <translation>{text} QField 外业数据包：{path}。</translation>
    </message>
  </context>
  <context>
    <name>SurveyPlanAlgorithm</name>
    <message>
      <location filename="../processing/survey_plan.py" />
      <source>&lt;p&gt;Plans the emergency monitoring of the quarantine and threatened zones (chapter 5, section 4): survey points on a square grid clipped to the zones, numbered in walking order.&lt;/p&gt;&lt;p&gt;Grid nodes lie at whole multiples of SPACING metres (ground metres whatever the CRS; default from the rule profile, {profile}: {spacing} m; 1000 m suits quarantine zones) and are kept where a zone covers them, boundary included. Points are numbered zone by zone (in zone_id order): rows from north to south, the first row west to east, the next east to west (a snake), so a team walks from one point to the next. A point in two zones goes to the first; a zone too small for a grid node gets one point inside it (on_grid = false).&lt;/p&gt;&lt;p&gt;Output: point_no, zone_type and zone_id (from the zone layer when it has them), row_no, lon, lat (WGS 84), on_grid.&lt;/p&gt;&lt;p&gt;FIELD_PACKAGE (optional): a GeoPackage for the field teams, ready for QField: the survey points, a surveys layer (point_no, zone_id, team, survey_date, result positive / negative, nest_count, photo, note) and a detections layer (team, found_on, nest_count, photo, note), with their forms in Chinese saved as the layers' default styles. The surveys layer goes back into rifa:liftingstatus (SURVEYS) and the detections into the zoning.&lt;/p&gt;</source>
      <translation>&lt;p&gt;安排对疫区和受威胁区的紧急疫情监测（第五章 四）：在区域内按方格网布设调查点，并按行走顺序编号。&lt;/p&gt;&lt;p&gt;格网点位于 SPACING 米的整数倍处（无论何种坐标系均为地面米；默认取自规则配置，{profile}：{spacing} 米；疫区宜用 1000 米），保留区域覆盖的点（含边界）。按区域（zone_id 顺序）逐个编号：各行自北向南，第一行自西向东，下一行自东向西（蛇形），调查队可逐点前进而不走回头路。位于两个区域的点归第一个区域；小到容不下格网点的区域在其内部设一个点（on_grid = false）。&lt;/p&gt;&lt;p&gt;输出：point_no、zone_type 和 zone_id（区域图层有这些字段时）、row_no、lon、lat（WGS 84）、on_grid。&lt;/p&gt;&lt;p&gt;FIELD_PACKAGE（可选）：供野外调查队使用、可直接在 QField 中打开的 GeoPackage：调查点、调查记录图层（point_no、zone_id、team 调查队、survey_date 调查日期、result 阳性/阴性、nest_count 蚁巢数、photo 照片、note 备注）和疫情发现点图层（team、found_on、nest_count、photo、note），其中文表单保存为各图层的默认样式。调查记录可回用于 rifa:liftingstatus（SURVEYS），发现点可用于区域划定。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../processing/survey_plan.py" />
      <source>Field package for QField (GeoPackage)</source>
      <translation>QField 野外数据包（GeoPackage）</translation>
    </message>
    <message>
      <location filename="../processing/survey_plan.py" />
      <source>GeoPackage (*.gpkg)</source>
      <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
      <location filename="../processing/survey_plan.py" />
      <source>Grid spacing (m, 1 to {most:g}; empty: from the rule profile)</source>
      <translation>网格间距（米，1 至 {most:g}；为空时取自规则配置）</translation>
    </message>
    <message>
      <location filename="../processing/survey_plan.py" />
      <source>Rule profile (JSON; empty: Putian 2006)</source>
      <translation>规则配置（JSON；留空：莆田 2006）</translation>
    </message>
    <message>
      <location filename="../processing/survey_plan.py" />
      <source>Survey plan (grid points and field package)</source>
      <translation>调查方案（格网调查点和野外数据包）</translation>
    </message>
    <message>
      <location filename="../processing/survey_plan.py" />
      <source>Survey points</source>
      <translation>调查点</translation>
    </message>
    <message>
      <location filename="../processing/survey_plan.py" />
      <source>Zones to survey</source>
      <translation>待调查的区域</translation>
    </message>
  </context>
  <context>
    <name>VerifyRecordsAlgorithm</name>
    <message>
      <location filename="../processing/verify_records.py" />
      <source>Checks that the records log (chapter 5, section 8) is complete and unaltered. Each record carries a hash of its own time, user, action, parameters and result chained to the record before it; this algorithm recomputes the chain, checks the triggers that keep the table append-only, the integrity of the file, and that no record number is missing (a deleted record), and names every broken record.

RECORDS: the records GeoPackage (empty: the one of the current project, which may be a shared PostgreSQL store).

The run fails (exit code 1 in qgis_process) when the log was altered or is damaged; the message says which records. Outputs: VALID, COUNT (records), LEGACY (records from before the chain, covered by its first record) and REPORT.</source>
      <translation>核验处理记录（第五章 八）是否完整、未被改动。每条记录都带有一个哈希，由该记录自身的时间、用户、操作、参数和结果与前一条记录的哈希链接而成；本算法重新计算哈希链，检查保证记录表只能追加的触发器和文件的完整性，检查记录编号有无缺失（被删除的记录），并指出每一条有问题的记录。

RECORDS：处理记录 GeoPackage（留空：使用当前项目的，也可以是共享的 PostgreSQL 库）。

处理记录被改动或已损坏时运行失败（qgis_process 的退出码为 1），消息中指出是哪些记录。输出：VALID、COUNT（记录数）、LEGACY（早于哈希链、由链的第一条记录覆盖的记录）和 REPORT。</translation>
    </message>
    <message>
      <location filename="../processing/verify_records.py" />
      <source>Choose the records GeoPackage: the project names none (variable rifa_records_gpkg).</source>
      <translation>请选择处理记录 GeoPackage：当前项目未指定（变量 rifa_records_gpkg）。</translation>
    </message>
    <message>
      <location filename="../processing/verify_records.py" />
      <source>Records</source>
      <translation>处理记录</translation>
    </message>
    <message>
      <location filename="../processing/verify_records.py" />
      <source>Records GeoPackage (empty: the project's)</source>
      <translation>处理记录 GeoPackage（留空：使用项目的）</translation>
    </message>
    <message>
      <location filename="../processing/verify_records.py" />
      <source>Records from before the chain</source>
      <translation>早于哈希链的记录</translation>
    </message>
    <message>
      <location filename="../processing/verify_records.py" />
      <source>Report</source>
      <translation>报告</translation>
    </message>
    <message>
      <location filename="../processing/verify_records.py" />
      <source>The log is intact</source>
      <translation>处理记录完好</translation>
    </message>
    <message>
      <location filename="../processing/verify_records.py" />
      <source>The records log {path} is not intact: {report}</source>
      <translation>处理记录 {path} 不完整或被改动：{report}</translation>
    </message>
    <message>
      <location filename="../processing/verify_records.py" />
      <source>Verify the records log</source>
      <translation>核验处理记录</translation>
    </message>
  </context>
  <context>
    <name>core</name>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source> (no space left on the device)</source>
      <translation>（磁盘空间已满）</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>A result reaches beyond what {crs} can express (near a pole or the edge of its area): use a projected CRS of the place for the input layer and run again.</source>
      <translation>结果超出了 {crs} 能表示的范围（靠近极点或其适用范围边缘）：请为输入图层使用当地的投影坐标系后重新运行。</translation>
    </message>
    <message>
      <location filename="../core/survey.py" />
      <source>A survey spacing of {spacing:g} m gives about {count} points (at most {most}): choose a larger spacing.</source>
      <translation>调查间距 {spacing:g} 米约产生 {count} 个点（最多 {most} 个）：请选用更大的间距。</translation>
    </message>
    <message>
      <location filename="../processing/case_store_postgres.py" />
      <source>Another declaration changed the {zone_type} zone {zone_id} in {store} while this one ran: nothing was recorded. Run the declaration again.</source>
      <translation>本次运行期间，另一次宣布修改了 {store} 中的{zone_type}区域 {zone_id}：未记录任何内容。请重新宣布。</translation>
    </message>
    <message>
      <location filename="../processing/case_store_postgres.py" />
      <source>Another declaration of the same zones was recorded in {store} while this one ran: nothing was recorded. Run the declaration again.</source>
      <translation>本次运行期间，{store} 中已记录了同一批区域的另一次宣布：未记录任何内容。请重新宣布。</translation>
    </message>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>Areas computed in a Lambert azimuthal equal-area projection centred on {lon}°E {lat}°N.</source>
      <translation>面积在以东经 {lon}°、北纬 {lat}° 为中心的兰伯特方位等积投影中计算。</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Barrier layer '{layer}' is not a line or polygon layer.</source>
      <translation>屏障图层“{layer}”不是线图层或面图层。</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>Barrier layer '{layer}' is not a line or polygon layer: barriers are lines (rivers, ridges) or polygons (lakes, mountains).</source>
      <translation>屏障图层“{layer}”不是线或面图层：屏障应为线（河流、山脊）或面（湖泊、山体）。</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>Barrier layer '{layer}' is not a vector layer.</source>
      <translation>屏障图层“{layer}”不是矢量图层。</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>Barriers: {lines} line feature(s), {polygons} polygon feature(s), {crossings} crossing(s).</source>
      <translation>屏障：{lines} 个线要素，{polygons} 个面要素，{crossings} 个穿越点。</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>CROSSING_WIDTH is 0 m: the {count} crossing(s) would open no barrier. Give the width of the bridges and passes (default {default:g} m).</source>
      <translation>CROSSING_WIDTH 为 0 米：{count} 个穿越点将不会打开任何屏障。请填写桥梁和山口的宽度（默认 {default:g} 米）。</translation>
    </message>
    <message>
      <location filename="../core/errors.py" />
      <source>Canceled by the user.</source>
      <translation>已被用户取消。</translation>
    </message>
    <message>
      <location filename="../core/grading.py" />
      <source>Cannot derive the city from the county code '{code}' ({where}): a county adcode has 6 digits and does not end in 00 (e.g. 350304 → 350300). Choose a city code field instead.</source>
      <translation>无法由县级代码“{code}”（{where}）推算设区市：县级行政区划代码为 6 位数字且不以 00 结尾（如 350304 → 350300）。请改为指定设区市代码字段。</translation>
    </message>
    <message>
      <location filename="../processing/case_store.py" />
      <source>Cannot open the table {table} of the case {path}.</source>
      <translation>无法打开疫情档案 {path} 中的表 {table}。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Cannot read the rule profile {path}: {error}</source>
      <translation>无法读取规则配置 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>Cannot replace the output '{output}' ({path}): {problem}. Nothing was replaced: the files that were there before the run are unchanged. Close the other program and run again.</source>
      <translation>无法替换输出“{output}”（{path}）：{problem}。没有替换任何文件：运行前已有的文件保持不变。请关闭其他程序后再运行。</translation>
    </message>
    <message>
      <location filename="../processing/case_store.py" />
      <source>Cannot write the case GeoPackage {path}: {error}</source>
      <translation>无法写入疫情档案 GeoPackage {path}：{error}</translation>
    </message>
    <message>
      <location filename="../processing/field_package.py" />
      <source>Cannot write the field package {path}: {error}</source>
      <translation>无法写入野外数据包 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>Cannot write the output '{output}' to '{path}': {problem}.</source>
      <translation>无法将输出“{output}”写入“{path}”：{problem}。</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>Cannot write the output '{output}': '{path}' is a folder, not a file.</source>
      <translation>无法写入输出“{output}”：“{path}”是文件夹，不是文件。</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>Cannot write the output '{output}': the file '{path}' is read-only.</source>
      <translation>无法写入输出“{output}”：文件“{path}”为只读。</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>Cannot write the output '{output}': the folder '{folder}' does not exist.</source>
      <translation>无法写入输出“{output}”：文件夹“{folder}”不存在。</translation>
    </message>
    <message>
      <location filename="../processing/case_store_postgres.py" />
      <source>Cannot write the zone versions to the PostgreSQL store {store}: {error}. Nothing of this declaration was recorded.</source>
      <translation>无法将区域版本写入 PostgreSQL 共享库 {store}：{error}。本次宣布的内容均未记录。</translation>
    </message>
    <message>
      <location filename="../processing/case_store.py" />
      <source>Choose the case GeoPackage (parameter {parameter}).</source>
      <translation>请选择疫情档案 GeoPackage（参数 {parameter}）。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Choose the {parameter} of layer '{layer}'.</source>
      <translation>请为图层“{layer}”选择 {parameter}。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Could not write the map to '{path}': {error}{space}. Nothing was replaced.</source>
      <translation>无法将地图写入“{path}”：{error}{space}。没有替换任何文件。</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>Could not write the output '{output}' to '{path}': {problem}. Nothing was replaced: the files that were there before the run are unchanged.</source>
      <translation>无法将输出“{output}”写入“{path}”：{problem}。没有替换任何文件：运行前已有的文件保持不变。</translation>
    </message>
    <message>
      <location filename="../processing/postgis_outputs.py" />
      <source>Could not write the output '{output}' to the PostGIS table {table} (database {store}): {problem}. Nothing was replaced: the table that was there before the run is unchanged.</source>
      <translation>无法将输出“{output}”写入 PostGIS 表 {table}（数据库 {store}）：{problem}。未替换任何内容：运行前已有的表保持不变。</translation>
    </message>
    <message>
      <location filename="../core/barriers.py" />
      <source>Crossing '{crossing}' is farther than {half} m from every barrier: it opens nothing.</source>
      <translation>穿越点“{crossing}”距所有屏障都超过 {half} 米：它不打开任何屏障。</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>Declaration of {date} recorded in {path}: {new} new, {revised} revised, {unchanged} unchanged, {lifted} lifted zone(s).</source>
      <translation>{date} 的公布已记入 {path}：新设 {new} 个、调整 {revised} 个、未变 {unchanged} 个、撤销 {lifted} 个区域。</translation>
    </message>
    <message>
      <location filename="../processing/survey_plan.py" />
      <source>Field package written: {path} (open it in QField or QGIS).</source>
      <translation>已写出野外数据包：{path}（可在 QField 或 QGIS 中打开）。</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>Give at least one zone layer (QUARANTINE, THREATENED or OCCURRENCE) to declare.</source>
      <translation>请至少给出一个要公布的区域图层（QUARANTINE、THREATENED 或 OCCURRENCE）。</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>Give the survey date field (SURVEY_DATE_FIELD) with the survey layer.</source>
      <translation>给出调查图层时须同时给出调查日期字段（SURVEY_DATE_FIELD）。</translation>
    </message>
    <message>
      <location filename="../core/grading.py" />
      <source>Grade override {override} ignored: the nests already give Grade {grade}; an override only raises the grade.</source>
      <translation>等级调整 {override} 未生效：按蚁巢分布已定为 {grade} 级；人工调整只能提升等级。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Layer '{layer}' ({extent}): its zones (reach {reach:g} m) would cover a pole, which {crs} cannot draw. Reproject the layer to a polar projected CRS and run again.</source>
      <translation>图层“{layer}”（{extent}）：其区域（范围 {reach:g} 米）将覆盖极点，{crs} 无法绘制。请将图层重投影到极地投影坐标系后重新运行。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Layer '{layer}' ({extent}): its zones (reach {reach:g} m) would cross the 180° meridian, where a polygon in {crs} wraps around the world. Reproject the layer to a projected CRS of the place (e.g. its UTM zone) and run again.</source>
      <translation>图层“{layer}”（{extent}）：其区域（范围 {reach:g} 米）将跨越 180° 经线，{crs} 中的面在此会绕地球一周。请将图层重投影到当地的投影坐标系（如所在 UTM 带）后重新运行。</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>Layer '{layer}' given as {parameter} ({description}) holds {found}; {parameter} needs {expected}.</source>
      <translation>作为 {parameter}（{description}）的图层“{layer}”包含{found}；{parameter} 需要{expected}。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Layer '{layer}' has no coordinate reference system (CRS). Set its CRS (Layer Properties &gt; Source) and run again.</source>
      <translation>图层“{layer}”没有坐标参考系（CRS）。请设置其坐标系（图层属性 &gt; 源）后重新运行。</translation>
    </message>
    <message>
      <location filename="../processing/case_store.py" />
      <source>Layer '{layer}' has no date field '{field}'.</source>
      <translation>图层“{layer}”没有日期字段“{field}”。</translation>
    </message>
    <message>
      <location filename="../processing/barrier_buffer.py" />
      <source>Layer '{layer}' has no feature with a geometry: the output is empty.</source>
      <translation>图层“{layer}”没有带几何的要素：输出为空。</translation>
    </message>
    <message>
      <location filename="../processing/layer_io.py" />
      <source>Layer '{layer}' has no features with a geometry.</source>
      <translation>图层“{layer}”没有带几何的要素。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Layer '{layer}' has no field '{field}' (fields: {fields}).</source>
      <translation>图层“{layer}”没有字段“{field}”（现有字段：{fields}）。</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Layer '{layer}' has no name field: its features are not named in the description.</source>
      <translation>图层“{layer}”没有名称字段：描述中不会提到其要素。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Layer '{layer}' is of type {type} (mixed geometries): save its features as {expected} (e.g. Vector &gt; Geometry Tools &gt; Multipart to Singleparts, then Processing &gt; Extract by expression) and run again.</source>
      <translation>图层“{layer}”的类型为 {type}（混合几何）：请将其要素另存为{expected}（如 矢量 &gt; 几何工具 &gt; 多部件转单部件，再用 处理 &gt; 按表达式提取）后重新运行。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Layer '{layer}' lies in {count} regions too far apart for one projection: each is computed in its own.</source>
      <translation>图层“{layer}”分布在 {count} 个相距过远、无法共用一个投影的区域：每个区域在各自的投影中计算。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Layer '{layer}' spreads too far for one projection: from {west:.2f}°E to {east:.2f}°E and {south:.2f}°N to {north:.2f}°N with the zones (reach {reach:g} m), distances would be off by up to {error:.2f} % (the zones are exact to 0.1 %). Zone each region on its own (select its features and tick Selected features only) and run again.</source>
      <translation>图层“{layer}”分布过广，无法用一个投影：连同区域（范围 {reach:g} 米）从东经 {west:.2f}° 到 {east:.2f}°、北纬 {south:.2f}° 到 {north:.2f}°，距离误差将达 {error:.2f} %（区域精度为 0.1 %）。请逐个区域划定（选中其要素并勾选“仅选中的要素”）后重新运行。</translation>
    </message>
    <message>
      <location filename="../processing/case_store.py" />
      <source>Layer '{layer}', feature {fid}: the date field '{field}' holds no date ({value!r}): every point needs its date.</source>
      <translation>图层“{layer}”，要素 {fid}：日期字段“{field}”中没有日期（{value!r}）：每个点都须有日期。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Layer '{layer}': its coordinates ({extent}) cannot be in its CRS {crs}: {why} Set the layer's true CRS (Layer Properties &gt; Source) or fix the coordinates, and run again.</source>
      <translation>图层“{layer}”：其坐标（{extent}）不可能属于其坐标系 {crs}：{why}请设置图层的真实坐标系（图层属性 &gt; 源）或修正坐标后重新运行。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Layer '{layer}': repaired {count} invalid geometry(ies) (ids {ids}).</source>
      <translation>图层“{layer}”：已修复 {count} 个无效几何（编号 {ids}）。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Layer '{layer}': skipped {count} feature(s) without geometry (ids {ids}).</source>
      <translation>图层“{layer}”：已跳过 {count} 个无几何的要素（编号 {ids}）。</translation>
    </message>
    <message>
      <location filename="../processing/case_store.py" />
      <source>Layer '{layer}': {count} survey(s) not negative (result field) are not counted.</source>
      <translation>图层“{layer}”：{count} 条非阴性调查（result 字段）不计入。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Layout template '{path}' is missing or unreadable: using the built-in layout.</source>
      <translation>布局模板“{path}”缺失或无法读取：改用内置布局。</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>Lifting status on {date} ({months} months without detection): {active} active, {eligible} eligible, {lifted} lifted zone(s).</source>
      <translation>{date} 的撤销状态（须连续 {months} 个月未发现疫情）：封锁中 {active} 个、可申请撤销 {eligible} 个、已撤销 {lifted} 个区域。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>Lockdown order written: {path}.</source>
      <translation>封锁令已写入：{path}。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>Map written: {path} ({pages} page(s)).</source>
      <translation>地图已写出：{path}（共 {pages} 页）。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>Nests lie in {count} provinces ({provinces}): the county rule of Grade I counts each province on its own.</source>
      <translation>蚁巢分布在 {count} 个省（{provinces}）：一级疫情的县数规则按省分别统计。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>No Chinese font found: Chinese text may print as boxes. Install Noto Sans CJK SC (Debian: fonts-noto-cjk).</source>
      <translation>未找到中文字体：中文可能打印为方框。请安装 Noto Sans CJK SC（Debian：fonts-noto-cjk）。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>No city code field: the city of each county is derived from its 6-digit adcode (first 4 digits + 00).</source>
      <translation>未指定设区市代码字段：各县所属设区市由其 6 位行政区划代码推算（前 4 位 + 00）。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>No translation file for the sheet language {language} (i18n/rifa_zoning_{language}.qm; run 'make translations'): the sheet texts are printed in English.</source>
      <translation>没有图面语言 {language} 的翻译文件（i18n/rifa_zoning_{language}.qm；请运行 'make translations'）：图面文字将以英文打印。</translation>
    </message>
    <message>
      <location filename="../core/delineation.py" />
      <source>No zone can be drawn: all {count} nest(s) or source feature(s) lie inside barrier polygons, whose interior is never part of a zone (the warnings name them). Barrier polygons are lakes and mountains: remove an administrative layer (province, counties) from the barriers and run again.</source>
      <translation>无法划出任何区域：全部 {count} 个蚁巢或源要素都位于屏障面内，而屏障面内部从不属于区域（警告中列出了它们）。屏障面应为湖泊和山体：请从屏障中移除行政区图层（省、县）后重新运行。</translation>
    </message>
    <message>
      <location filename="../core/delineation.py" />
      <source>Occurrence point(s) {ids} have nests in more than one quarantine zone (a barrier separates them); each point records the zone holding most of its nests.</source>
      <translation>发生点 {ids} 的蚁巢分属多个疫区（被屏障分隔）；每个发生点记录其多数蚁巢所在的疫区。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Occurrence radius {value:g} m is outside {low:g}–{high:g} m (profile {profile} {citation}).</source>
      <translation>发生区半径 {value:g} 米超出 {low:g}–{high:g} 米范围（规则配置 {profile} {citation}）。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Quarantine radius {value:g} m is outside {low:g}–{high:g} m (profile {profile} {citation}).</source>
      <translation>疫区半径 {value:g} 米超出 {low:g}–{high:g} 米范围（规则配置 {profile} {citation}）。</translation>
    </message>
    <message>
      <location filename="../core/grading.py" />
      <source>Raising the grade to {grade} needs a reason: say who designated it and why (e.g. 'Provincial HQ notice 2024-3, special circumstances').</source>
      <translation>将疫情等级提升为 {grade} 级须说明理由：由谁规定、为何提升（例如“省指挥部 2024-3 号通知，特殊情况”）。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Rule profile {path} holds lists or objects more than {depth} levels deep: it is not a rule profile.</source>
      <translation>规则配置 {path} 中的列表或对象超过 {depth} 层：这不是规则配置。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Rule profile {path} holds {value}, which is not a number: write a number.</source>
      <translation>规则配置 {path} 含有 {value}，这不是数值：请填写数值。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Rule profile {path} is UTF-16 text: save it as UTF-8 and load it again.</source>
      <translation>规则配置 {path} 为 UTF-16 文本：请另存为 UTF-8 后重新加载。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Rule profile {path} is larger than {size} kB: it is not a rule profile.</source>
      <translation>规则配置 {path} 大于 {size} kB：这不是规则配置。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Rule profile {path} is not UTF-8 text (byte 0x{byte} on line {line}): save it as UTF-8 (GBK and other encodings are not read).</source>
      <translation>规则配置 {path} 不是 UTF-8 文本（第 {line} 行的字节 0x{byte}）：请另存为 UTF-8（不读取 GBK 等其他编码）。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Rule profile {path} is not a regular file (a device, a pipe or a folder).</source>
      <translation>规则配置 {path} 不是普通文件（而是设备、管道或文件夹）。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Rule profile {path} is not valid JSON (line {line}, column {column}): {error}</source>
      <translation>规则配置 {path} 不是有效的 JSON（第 {line} 行，第 {column} 列）：{error}</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Rule profile {path}: {problem}</source>
      <translation>规则配置 {path}：{problem}</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>Rule profile: {profile}. Occurrence radius {o:g} m, quarantine radius {q:g} m, threatened zone extension {t:g} m, at least {n} occurrence points per zone.</source>
      <translation>规则配置：{profile}。发生区半径 {o:g} 米，疫区半径 {q:g} 米，受威胁区外延 {t:g} 米，每个区域至少 {n} 个发生点。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Rule profile{where}: the field '{field}' is missing.</source>
      <translation>规则配置{where}：缺少字段“{field}”。</translation>
    </message>
    <message>
      <location filename="../core/zones/sources.py" />
      <source>Source {source} lies inside the barrier polygon '{barrier}': that polygon does not block it (its zone spreads inside and out of it), but it still blocks every other source.</source>
      <translation>源 {source} 位于屏障面“{barrier}”内：该屏障面对它不起阻隔作用（其区域在屏障面内外扩展），但对其他源仍起阻隔作用。</translation>
    </message>
    <message>
      <location filename="../processing/postgis_outputs.py" />
      <source>The PostGIS destination '{uri}' names no table (table="schema"."name").</source>
      <translation>PostGIS 目标“{uri}”未指定表（table="schema"."name"）。</translation>
    </message>
    <message>
      <location filename="../processing/case_store_postgres.py" />
      <source>The PostgreSQL store {store} has no table {table} yet: ask the administrator to run rifa:createstore again (it adds what is missing).</source>
      <translation>PostgreSQL 共享库 {store} 中还没有表 {table}：请管理员再次运行 rifa:createstore（它会补上缺少的部分）。</translation>
    </message>
    <message>
      <location filename="../processing/case_store.py" />
      <source>The case {path} holds no zone versions yet: declare the zones first (rifa:declarezones).</source>
      <translation>疫情档案 {path} 中尚无区域版本：请先公布区域（rifa:declarezones）。</translation>
    </message>
    <message>
      <location filename="../processing/case_store.py" />
      <source>The case {path} is not a GeoPackage ({error}).</source>
      <translation>疫情档案 {path} 不是 GeoPackage（{error}）。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>The city code field '{field}' is empty in {where}, which holds {count} nest(s).</source>
      <translation>设区市代码字段“{field}”在{where}中为空，而该要素内有 {count} 个蚁巢。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>The county code field '{field}' is empty in {where}, which holds {count} nest(s).</source>
      <translation>县级代码字段“{field}”在{where}中为空，而该要素内有 {count} 个蚁巢。</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>The crossing width must be from 0 to {most:g} m (got {value}).</source>
      <translation>穿越宽度必须在 0 至 {most:g} 米之间（当前为 {value}）。</translation>
    </message>
    <message>
      <location filename="../core/case.py" />
      <source>The declaration date {date} is before the latest declaration in the case ({latest}): declarations are recorded in the order they take effect.</source>
      <translation>公布日期 {date} 早于档案中最近一次公布（{latest}）：公布须按生效先后登记。</translation>
    </message>
    <message>
      <location filename="../core/zones/__init__.py" />
      <source>The distance must be greater than 0 m (got {value}).</source>
      <translation>距离必须大于 0 米（当前为 {value}）。</translation>
    </message>
    <message>
      <location filename="../core/grading.py" />
      <source>The grade override must be II or I (got {value}).</source>
      <translation>等级调整只能为二级或一级（当前为 {value}）。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>The layout template has no map item with id '{id}'.</source>
      <translation>布局模板中没有 ID 为“{id}”的地图元素。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>The map '{path}' is not a readable picture.</source>
      <translation>附图“{path}”不是可读取的图片。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>The map '{path}' must be a PDF or PNG file.</source>
      <translation>附图“{path}”必须是 PDF 或 PNG 文件。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>The map PDF '{path}' cannot be read (GDAL's PDF driver). Give the PNG preview of rifa:lockdownmap (OUTPUT_PNG) instead.</source>
      <translation>无法读取附图 PDF“{path}”（GDAL 的 PDF 驱动）。请改用 rifa:lockdownmap 的 PNG 预览图（OUTPUT_PNG）。</translation>
    </message>
    <message>
      <location filename="../core/delineation.py" />
      <source>The occurrence radius {occurrence:g} m is larger than the quarantine radius {quarantine:g} m: occurrence areas will reach beyond the quarantine zones.</source>
      <translation>发生区半径 {occurrence:g} 米大于疫区半径 {quarantine:g} 米：发生区将超出疫区范围。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_order.py" />
      <source>The order template '{path}' is not a readable .docx file: {error}</source>
      <translation>封锁令模板“{path}”不是可读取的 .docx 文件：{error}</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>The output '{output}' would overwrite the input '{input}': both are the file '{path}' (writing '{output}' replaces the whole file). Nothing was written. Choose another file for '{output}', or a new table of the GeoPackage (ogr:dbname='…' table="…").</source>
      <translation>输出“{output}”会覆盖输入“{input}”：两者都是文件“{path}”（写入“{output}”会替换整个文件）。未写入任何内容。请为“{output}”选择另一个文件，或 GeoPackage 中的新表（ogr:dbname='…' table="…"）。</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>The output '{output}' would overwrite the input '{input}': both are the table '{table}' of '{path}'. Nothing was written. Choose another table name for '{output}'.</source>
      <translation>输出“{output}”会覆盖输入“{input}”：两者都是“{path}”中的表“{table}”。未写入任何内容。请为“{output}”选择另一个表名。</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>The outputs '{first}' and '{second}' both write to '{path}': give each output its own file (or its own table of a GeoPackage). Nothing was written.</source>
      <translation>输出“{first}”和“{second}”都写入“{path}”：请为每个输出指定各自的文件（或 GeoPackage 中各自的表）。未写入任何内容。</translation>
    </message>
    <message>
      <location filename="../processing/case_store.py" />
      <source>The parameter {parameter} is not a date: '{value}' (expected e.g. 2024-06-30).</source>
      <translation>参数 {parameter} 不是日期：“{value}”（应如 2024-06-30）。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>The quarantine zone layer is required.</source>
      <translation>必须提供疫区图层。</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>The rule profile {profile} names no period without detection before lifting ({citation}): set {parameter} (calendar months).</source>
      <translation>规则配置 {profile} 未规定撤销前须连续未发现疫情的期限（{citation}）：请设置 {parameter}（日历月数）。</translation>
    </message>
    <message>
      <location filename="../processing/survey_plan.py" />
      <source>The rule profile {profile} names no survey spacing: set SPACING (metres).</source>
      <translation>规则配置 {profile} 未规定调查间距：请设置 SPACING（米）。</translation>
    </message>
    <message>
      <location filename="../core/survey.py" />
      <source>The survey spacing must be greater than 0 m (got {spacing:g} m).</source>
      <translation>调查间距必须大于 0 米（当前为 {spacing:g} 米）。</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>The {zone_type} zone {zone_id} does not overlap its previous version: is zone_id {zone_id} still the same zone?</source>
      <translation>{zone_type} 区域 {zone_id} 与其上一版本不重叠：zone_id {zone_id} 仍是同一个区域吗？</translation>
    </message>
    <message>
      <location filename="../core/case.py" />
      <source>The {zone_type} zones name zone_id {zone_id} twice: every zone must be one feature.</source>
      <translation>{zone_type} 区域中 zone_id {zone_id} 出现两次：每个区域须为一个要素。</translation>
    </message>
    <message>
      <location filename="../processing/postgis_outputs.py" />
      <source>There is no PostgreSQL connection named '{name}' in QGIS (Browser ▸ PostgreSQL).</source>
      <translation>QGIS 中没有名为“{name}”的 PostgreSQL 连接（浏览器 ▸ PostgreSQL）。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>Threatened zone extension {value:g} m is outside {low:g}–{high:g} m (profile {profile} {citation}).</source>
      <translation>受威胁区外延距离 {value:g} 米超出 {low:g}–{high:g} 米范围（规则配置 {profile} {citation}）。</translation>
    </message>
    <message>
      <location filename="../core/checklist.py" />
      <source>Unknown outbreak grade {grade}.</source>
      <translation>未知的疫情等级 {grade}。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Working CRS: local Transverse Mercator centred on {lon}°E {lat}°N, because {crs} does not keep distances (geographic or distorted).</source>
      <translation>工作坐标系：以东经 {lon}°、北纬 {lat}° 为中心的局部横轴墨卡托投影，因为 {crs} 不保持距离（地理坐标或变形较大）。</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Working CRS: local Transverse Mercator centred on {lon}°E {lat}°N.</source>
      <translation>工作坐标系：以东经 {lon}°、北纬 {lat}° 为中心的局部横轴墨卡托投影。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>Working CRS: {crs} (the input's own; distance error {error:.3f} %).</source>
      <translation>工作坐标系：{crs}（输入图层自身的坐标系；距离误差 {error:.3f} %）。</translation>
    </message>
    <message>
      <location filename="../core/zones/expansion.py" />
      <source>Zone engine: {sources} source point(s), {generators} generator(s), {visibility} with barriers in reach, {skipped} skipped (already covered).</source>
      <translation>区域计算引擎：{sources} 个源点，{generators} 个生成点，其中 {visibility} 个在可达范围内有屏障，{skipped} 个已被覆盖而跳过。</translation>
    </message>
    <message>
      <location filename="../processing/describe_boundary.py" />
      <source>Zone {zone}: {description}</source>
      <translation>区域 {zone}：{description}</translation>
    </message>
    <message>
      <location filename="../core/survey.py" />
      <source>Zone(s) {zones} hold no grid node at {spacing:g} m: one survey point inside each (on_grid = false).</source>
      <translation>区域 {zones} 在 {spacing:g} 米间距下没有格网点：各在其内部设一个调查点（on_grid = false）。</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>a layer could not be drawn</source>
      <translation>有图层无法绘制</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>canceled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>feature {fid} of '{layer}'</source>
      <translation>图层“{layer}”的要素 {fid}</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>latitudes lie within ±90° and longitudes within ±180°; these look like metres.</source>
      <translation>纬度应在 ±90° 以内、经度应在 ±180° 以内；这些坐标看起来是米。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>latitudes lie within ±90°; these look like latitude and longitude swapped.</source>
      <translation>纬度应在 ±90° 以内；这些坐标看起来是经纬度颠倒了。</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>lines</source>
      <translation>线</translation>
    </message>
    <message>
      <location filename="../processing/barrier_params.py" />
      <source>lines or polygons</source>
      <translation>线或面</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>list</source>
      <translation>列表</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>no geometry</source>
      <translation>无几何</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>not enough memory</source>
      <translation>内存不足</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>number</source>
      <translation>数值</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>object</source>
      <translation>对象</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>points</source>
      <translation>点</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>points, lines or polygons</source>
      <translation>点、线或面</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>polygons</source>
      <translation>面</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>text</source>
      <translation>文本</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>the GeoPackage is damaged ({error})</source>
      <translation>GeoPackage 已损坏（{error}）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>the PDF could not be made</source>
      <translation>无法生成 PDF</translation>
    </message>
    <message>
      <location filename="../processing/postgis_outputs.py" />
      <source>the database user may not create tables in the schema {schema}</source>
      <translation>该数据库用户无权在模式 {schema} 中创建表</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' holds {count} items, more than {most}.</source>
      <translation>字段“{field}”有 {count} 项，超过 {most} 项。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' is empty.</source>
      <translation>字段“{field}”为空。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' is missing.</source>
      <translation>缺少字段“{field}”。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' may hold only 3, 2 and 1.</source>
      <translation>字段“{field}”只能包含 3、2 和 1。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be 'report' or 'measure'.</source>
      <translation>字段“{field}”必须为 'report' 或 'measure'。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be '{expected}'.</source>
      <translation>字段“{field}”必须为“{expected}”。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be a day from 1 to 28.</source>
      <translation>字段“{field}”必须为 1 到 28 之间的日期。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be a finite number (got {value}).</source>
      <translation>字段“{field}”必须是有限的数值（当前为 {value}）。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be a whole number from 1 to 120.</source>
      <translation>字段“{field}”必须是 1 至 120 的整数。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be a {kind}.</source>
      <translation>字段“{field}”必须为{kind}。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be an object.</source>
      <translation>字段“{field}”必须为对象。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be from {low:g} to {high:g} (got {value:g}).</source>
      <translation>字段“{field}”必须在 {low:g} 至 {high:g} 之间（当前为 {value:g}）。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be more than 0 and at most 10000 (metres).</source>
      <translation>字段“{field}”必须大于 0 且不超过 10000（米）。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be more than 0.</source>
      <translation>字段“{field}”必须大于 0。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must be one of {choices}.</source>
      <translation>字段“{field}”必须为以下之一：{choices}。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' must name an earlier checklist item.</source>
      <translation>字段“{field}”必须指向前面的清单项。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' needs 0 &lt; min &lt;= default &lt;= max (got {low}, {default}, {high}).</source>
      <translation>字段“{field}”须满足 0 &lt; min &lt;= default &lt;= max（当前为 {low}、{default}、{high}）。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>the field '{field}' repeats the id '{id}'.</source>
      <translation>字段“{field}”重复了 ID“{id}”。</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>the file cannot be read back</source>
      <translation>文件写入后无法读回</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>the file could not be written</source>
      <translation>文件无法写入</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>the file is incomplete</source>
      <translation>文件不完整</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>the file is open in another program (its write-ahead log {wal} is in use)</source>
      <translation>该文件正被其他程序打开（其预写日志 {wal} 正在使用）</translation>
    </message>
    <message>
      <location filename="../processing/lockdown_map.py" />
      <source>the pages could not be made</source>
      <translation>无法生成页面</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>they are not finite numbers.</source>
      <translation>它们不是有限的数值。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>they lie outside its area of use and look like degrees (longitude, latitude).</source>
      <translation>它们位于其适用范围之外，看起来是度（经度、纬度）。</translation>
    </message>
    <message>
      <location filename="../processing/geometry_io.py" />
      <source>they lie outside the part of the Earth it can express.</source>
      <translation>它们位于该坐标系能表示的地球范围之外。</translation>
    </message>
    <message>
      <location filename="../core/profile.py" />
      <source>whole number</source>
      <translation>整数</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>{count} checkpoint(s) found.</source>
      <translation>共找到 {count} 个检查站。</translation>
    </message>
    <message>
      <location filename="../processing/lifting_status.py" />
      <source>{count} detection(s) after {date} are not counted.</source>
      <translation>{date} 之后的 {count} 处发现不计入。</translation>
    </message>
    <message>
      <location filename="../core/occurrence.py" />
      <source>{count} nest date(s) are not dates (expected a date or ISO text like 2024-05-31) and were ignored: feature(s) {items}.</source>
      <translation>{count} 个蚁巢的日期无效（应为日期或 ISO 格式文本，如 2024-05-31），已忽略：要素 {items}。</translation>
    </message>
    <message>
      <location filename="../core/occurrence.py" />
      <source>{count} nest(s) have no date.</source>
      <translation>{count} 个蚁巢没有日期。</translation>
    </message>
    <message>
      <location filename="../core/occurrence.py" />
      <source>{count} nest(s) lie in more than one village; each was given to the first village in the layer.</source>
      <translation>{count} 个蚁巢同时位于多个自然村内；每个蚁巢归入图层中排在最前的自然村。</translation>
    </message>
    <message>
      <location filename="../core/occurrence.py" />
      <source>{count} nest(s) lie outside every village: grouped among themselves by the grouping distance {distance:g} m into {points} occurrence point(s) without village name (point ids {ids}).</source>
      <translation>{count} 个蚁巢位于所有自然村之外：按归并距离 {distance:g} 米相互归并为 {points} 个不带村名的发生点（发生点编号 {ids}）。</translation>
    </message>
    <message>
      <location filename="../processing/outbreak_grade.py" />
      <source>{count} nest(s) of '{layer}' lie outside every unit of '{admin}' and are not graded (ids {ids}).</source>
      <translation>“{layer}”中有 {count} 个蚁巢位于“{admin}”的所有行政区之外，未参与定级（编号 {ids}）。</translation>
    </message>
    <message>
      <location filename="../core/delineation.py" />
      <source>{count} occurrence area(s) hold fewer than {min_points} occurrence points and do not meet the rule (drawn anyway, meets_rule = false); zone id (points): {items}.</source>
      <translation>{count} 个发生区的发生点少于 {min_points} 个，不符合规则（仍予绘制，meets_rule = false）；区域编号（发生点数）：{items}。</translation>
    </message>
    <message>
      <location filename="../core/delineation.py" />
      <source>{count} quarantine zone(s) hold fewer than {min_points} occurrence points and do not meet the rule (drawn anyway, meets_rule = false); zone id (points): {items}.</source>
      <translation>{count} 个疫区的发生点少于 {min_points} 个，不符合规则（仍予绘制，meets_rule = false）；区域编号（发生点数）：{items}。</translation>
    </message>
    <message>
      <location filename="../processing/survey_plan.py" />
      <source>{count} survey point(s) at {spacing:g} m in {zones} zone(s).</source>
      <translation>{zones} 个区域内按 {spacing:g} 米间距布设 {count} 个调查点。</translation>
    </message>
    <message>
      <location filename="../processing/affected_units.py" />
      <source>{count} unit/zone overlap(s) from {units} unit(s) near the zones.</source>
      <translation>区域附近 {units} 个行政区中共有 {count} 处行政区与区域重叠。</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>{found} of {count} features were written</source>
      <translation>{count} 个要素中只写入了 {found} 个</translation>
    </message>
    <message>
      <location filename="../processing/delineate_zones.py" />
      <source>{nests} nest(s) form {points} occurrence point(s).</source>
      <translation>{nests} 个蚁巢构成 {points} 个发生点。</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>{parameter} ({description}) must be a finite number (got {value}).</source>
      <translation>{parameter}（{description}）必须是有限的数值（当前为 {value}）。</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>{parameter} ({description}) must be a whole number from {low:g} to {high:g} (got {value}).</source>
      <translation>{parameter}（{description}）必须是 {low:g} 至 {high:g} 之间的整数（当前为 {value}）。</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>{parameter} ({description}) must be a whole number of at least {low:g} (got {value}).</source>
      <translation>{parameter}（{description}）必须是不小于 {low:g} 的整数（当前为 {value}）。</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>{parameter} ({description}) must be at least {low:g} (got {value}).</source>
      <translation>{parameter}（{description}）必须不小于 {low:g}（当前为 {value}）。</translation>
    </message>
    <message>
      <location filename="../processing/base.py" />
      <source>{parameter} ({description}) must be from {low:g} to {high:g} (got {value}).</source>
      <translation>{parameter}（{description}）必须在 {low:g} 至 {high:g} 之间（当前为 {value}）。</translation>
    </message>
    <message>
      <location filename="../processing/outputs.py" />
      <source>{problem} (no space left on the device)</source>
      <translation>{problem}（磁盘空间已满）</translation>
    </message>
    <message>
      <location filename="../processing/declare_zones.py" />
      <source>{zone_type} zone {zone_id}: version {version} ({change}), {area:.2f} km², {added:.2f} km² added, {removed:.2f} km² removed.</source>
      <translation>{zone_type} 区域 {zone_id}：第 {version} 版（{change}），{area:.2f} 平方公里，增加 {added:.2f} 平方公里，减少 {removed:.2f} 平方公里。</translation>
    </message>
    <message>
      <location filename="../processing/checkpoints.py" />
      <source>{zones} zone(s), {roads} road feature(s) near them.</source>
      <translation>{zones} 个区域，其附近有 {roads} 个道路要素。</translation>
    </message>
  </context>
</TS>
