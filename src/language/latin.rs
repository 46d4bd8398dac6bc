//! Data of whatlang 0.18's Latin-script detector, copied from its sources (MIT licence,
//! <https://github.com/greyblake/whatlang-rs>): the 300 most frequent trigrams of each language, in
//! rank order (`src/trigrams/profiles.rs`), and each language's alphabet
//! (`src/alphabets/latin.rs`). [`super::latin_score`] scores with them exactly as whatlang does;
//! the `same_answer_as_whatlang_*` tests (tests/language_detection.rs) fail if a whatlang
//! upgrade changes the data or the method. Copied mechanically, not edited by hand: each profile
//! string is the language's 300 `Trigram(a, b, c)` entries, in order, as 900 characters.

use whatlang::Lang;

/// (language, its 300 trigrams concatenated, most frequent first), in whatlang's order.
pub(super) const TRIGRAM_PROFILES: [(Lang, &str); 37] = [
    (
        Lang::Spa,
        " deos de  lala  y  a es ón iónrecereder coe lel en ienchoentechcióacio aa p ela lal as e d enna onas dda nte toad enecon pr sutod seho los peperers loo d tician dcio esidaresa ttieionrsote do  inson re lito dadtade sestproquemen poa eodanci qu unue ne n es ylibsu  nas enacia e etra paor adoa dnesra se uala cer porcomnalrtaa sber o ones pdosrá stalesdesibesereraar ertter dialel dntohosdelicaa as nn cociimiio o ere y le cantcci aslasparame cuiciaraencs tndi soo smietosunabredicclas le al pprentro tialy anidn pa ymanomoso n l alalis ano  igs se pntaumatenguaadey esocmo  fuiguo pn thumd dranriay dadativl ecas cavidl ts cidodasdiss i hus onadfun maracndaelisarund acunimbra udiee iquia i halar trodoca tico yctilidorindoari meta indesacuaun iertalespsegeleonsitoontivas hd ynosistrse lecieideediecciosl mr emedtorstin arimuiepletriibrsuslo ectpeny can e hn serntarl yegugururaintondmatl rr aisfote",
    ),
    (
        Lang::Eng,
        " ththe anhe nd andion ofof tio toto on  inal atiighghtrig rior entas ed is ll in  bee rne oneveralls tevet t frs a ha rety ery ord t prht  co eve he ang ts hisingbe yon shce reefreryon thermennatshapronaly ahases for hihalf tn an ont  pes o fod inceer onsrese sectityly l bry e eerse ian e o dectidomedoeedhtsteronare  no wh a  und f asny l ae pere en na winitnted aanyted dins stath perithe tst e cy tom soc arch t od ontis eequve ociman fuoteothess al acwitial mauni serea so onlitintr ty oencthiualt a eqtatquaive stalie wl oaref hconte led isundciae fle  lay iumaby  byhumf aic  huavege r a woo ams com meeass dtec lin een rattitplewheateo ts rt frot chciedisagearyo oancelino  fa susonincat ndahouwort inderomoms otg temetleitignis witlducd wwhiacthicaw law heichminimiorto sse e bntrtraeduountane dnstl pd nld ntas iblen p pun s atilyrththofulssidero ecatucauntien edo ph aeraindpensecn wommr s",
    ),
    (
        Lang::Por,
        "os de  de a  e o dto ão  dientda itoem  coeitas dires irerei seçãoadea pdade ds dmenntedo s e pr pedos to daa ao e o o aesscontodque qute e a doal residam d in ouer sso na re poa s liumaciaar proe ea d teaçãa t es suou ue s ptosa edesra comno ameia e ptemnto pais esttraõesna s oodadassersoas npeso ps ao se o em as à o oaisberadooa o te smansuaua  no osa cterçõeerdlibrdas snciibee nicaodoso nalntrs thumura aoonaual soor ma stao ca nprearaeraonse tr aparo à huindporcioriam as c uma lguaran enndio ie craçionnidacianosoce roci acundsennosnsirecimealiintum pernac alm or p fundoontaçõ igigufunnta maunicçãere exa i meeseriol da os hpeladapriideam m ppods fém a fio odeca italidtive fvidr eespndaomoe lnaço ranta qtadliciva favers lialclanguing camo der vieliistta se atiiosidor oecidis une ir decço qs iquaênca mseustininuerrarcasaosensguéiassiduémturdamsseao elal efortecote plena trm ctro niicorot",
    ),
    (
        Lang::Ind,
        "an ang dang  peak  ke meata sedankan di behakberperranngayaneng ya haasaganmenaranyan pn dn ka dtan atat oraalasan baap erhn brhaya  mag ba spenebaas aanuk ntu oretitasakatiabanset unn stern y tek mtukbasiaplambebam  dek akebn mi duntamadalah ikadakebep osa punmemn henddenra elari nda sadi ma a mn tk dn anggtaumangareriasi tiun al adaum a plakariau  nenega bngsta olelehertersidak hanagsadarukatidbatsiaeraeh dapiladilh datusamia i m inlanahauantu ai t da ag dharsemna apaserenakatuaterberlmasrtaegaungnanempn ukuml dg s huka entpatmbaagantaadi sueniukun ihukindar rgai sakundisuani rushansi carnny lain u dik ua lahrikusiembannmerianggalaimina uluaemaemuargdundipa tmatayarbuaruerkrkainiekaa krakkesyatibanasrmaerneses pnus puanuina tamelmuakelk sus ndunakda syadaspemlinut yaramiupuseoaikeorinyauptakipeingtin andikuarilig trsesarantg pa naksain jat p umg mdirksaumukepmumi kecaratm ph pabasesm m",
    ),
    (
        Lang::Fra,
        " dees de ionnt et tio etent lala e don ne oite lle  les de pt datiroi drdroit  à  coté ns te e smenre  tocon l’touque qules sodesson peons uns ls e prue  pae ct lts onn aue aemee e liontantoututet àresers sace  a trepera dctier libité enux  reen rsoà l ou inlleun natou nnen dune d’ separnteus ur s sansdana pr lproitsés t piree ts psa  déondé da lnceertauxommnalme  na foiqu certéectalebert as a dammeibesane r pocomal s cquiourt e nee nousr daliter difone oau  chairui ell eslits nissératessocautociêtrienintdu estététrapou plratar ranrais oonaainclaégaancrs eurprin ce ms tà u dourebreut  êtage étnsisureinsenserndiensessntrir  macian pst a c dul e sublige rés rée qassndapeuée l’a tea statil tésaisu dineindé equ’ acs in tt cn al’ht qsoit scunrit égoir’enntahom onn e moie ignrelnnat il n trillples él’ereca rotesseuniidéives ut êinsact fan s vigal asligssapréleue flicdisver nutenssirottecs mabl",
    ),
    (
        Lang::Deu,
        "en er der unnd undeinungcht deichschng  geie cheech didierecgenineeit rech  dan dverhen zut d auht  halicit tenrei bein  ve in eindeaufdenedezu n suf frene teres  jejedn u anseiand frrunat  see udasheis rhtehatnscnger has ens alerellet a wen grdenteesemen ododenerg dallt uerste nen sod dn abenlei gr vowere aegeion stigele cha mehafaftn jren ererkentbei sieihihekeierdtign ion lunr dlengemiesgrutliuntchuerngesende sft st isttioati glstagunmitsenn n nan zite wir geice eei lier sn wglemeide uchem chlnatrcht wdesn ehrealesprd fachsser e scurcr mniee ffene ge d nidurdarint dugehiedt s mialtherhabf gsicstetaaaathe angruchlitz emeabeh an vnungegarfrf ehepru iserfe mansndle btunn od gn rr vwieberr aarbbest ih dr wr b ihd sigkgkenspdigemaellerun finsrbeffeescigugerstrkene vgewhanindrt  arießn hrn manr ihututzd als ebevonlter orlietztraausdethule ionenneiscsonselet ohnt gsam farstrklseriemg vt zerr",
    ),
    (
        Lang::Jav,
        "ng an ang kaingkan saak lan lahak ha pa manggarasa abene  inn kant ngtannin anngaataen ran bamanbananehi n uongra nthakeke thi dawonuwoungngs uwasagsabensabanaakabeba kg pnanndaadiat awasanni dang kpaneba bee kg sanibas prdhaayaganya wa di marn s wata a sg u nae harba na ba ln n utyann pasig dhanah g n tu umas wendakrbedar diggosarmatk ha aiya unundenikabbe artka umaoran balan mngkrtai h orgaryatkaral a mn ina g begaprainakakg aa ptumnyakalgergge takati kenaonikas pedadagag mduwk kutauwe si neadhpa n ago andi l kenunnalnguujuapaa dt mi pminibaer  lianusakperamagaywarpadgguha indtawrasn laliengawia u biwe badnduuwaawebakaseeh  menegpri kuronih g tbisijii te p piabaisambainia wg likan tebundhar sinlakur mramenku  wee sa iliy ikayoribnglamiargnasyomwaeut konae rapaku tediltinrgajudumu asrakbedk bil kaph kjink a nde di s lui wekamumum uhaate mik pgoneda tibutn dr konautotowwatgkasi umrk loma",
    ),
    (
        Lang::Vie,
        "ng ̣c ́c  qu thà nh  ng̣i  nhvà vàn uyê ph caquyềnyề̀i  ch̀nh tr cungưi ngươườ́t ời giác cọt ó c tự n tcáông khượợc tư đưiệđươìńi  hacói đgia đêpha moọimọnhưn ncủ bạn ̉a ủan c̀u ̃ngân ềuất bitựhôn vig t lan đđềnhâ tit c đôên bảhiêu c tôdo hân doch ́ q̀ t nán ay  hiàṇ dớihá đihayg n môốcuốn vộihữthứp quô họp nààòng̉n ị ́chôn ̀o khôc hi cc đ hôi vtro đángmội tộtg via ̣ngảnướữn̉ngh thư ệnn bộcả làc cg c đỏ cn hhàhộ bâã ̀y  vợ t̉i iế côt tg đứciên vêviêvớh vớcựcậtthảm ronongápg bhươ sưa csự̉o ảoh cể o vuậa mế iá̀ cchoquahạục mì nphâc qcôno cá i hại hỡ h cưn lbị lubấcảính đ xađộg hc nc pthuảiệ  hứ co n nưốńo áoxãoày thảtộ̣ c tâthô dum vmìho hứệć thợánn pcũũniểốitiêề hấợphoay đchio hở àỷ tđóc lvề̀ đi bkhac b đâluâai ̉ nđốếthựtrip qnươdụhíg qyênhọ́nh ta băc gn gthêo tc vam c man ",
    ),
    (
        Lang::Ita,
        " dito  deion inla e ddi ne  e ziore le ni ellonellarita do ddelittiridir coti essent alazittote i di ieretà  prndie laleo ainde ee igninteconi eli a s unmenogn neuo  ogidue aividuovid estti hadiv lia pno allproza atopersseser soi s la sue p peibena a l ilbere nil alilibha chein o se s quo eia e c rinzata ntohe onio i o stao cnel a o pnaze oso  poo hglii uondi cersamei plleun erari verro el unaa c chertua i assirtàa eei disant l tata aonaual leitàareter adnit daprideià ecia st sinalesttutistcomuni edono nasuaal si anz pa rerazguaitaresdersocmano oad i oesequeenzed  seio etton  tudicà dsiai rrsoocirioariquaialpreichratientraaniumase ll eria no n umdo araa tzzaer triatticoposscii lsonndapare ufon fontiuzistruttatisenintnesiar i hian cstichiannra  egeguispbilonta r norop meoprost mauesicassotalciesunlitoreinaitetan ranongiod ae rdevi ml iezzizi cunnorà a ittarialiacosssudall p asassopove eve",
    ),
    (
        Lang::Tur,
        " ve have lerlarir in hak heherbirer an arıeriya  biak r hetiın iyeyet kaasıını oltleeyakkıaraakketlsınesina de ek  tandaini builerınrinveyne klae hineır ereamadırn h saınasine kle  gemasındnını v valanlmaerkrkenmatinrle teninakla vda  deletille marden riyayanı  hü şae bk vkınk h memilsan ilsi rdıe ddanhürvaranae akeset mesşahdir miretrri seolaürrirlbu mak mamekn ekı n vn iliklle ed hin ba h bansa işelikar içı halali ulurakevle ini re r şemeetme tik e sa biş n khaindeaiz eşizdun olmhiçzdiar unmma  göilmlmeim n ttirdilmale gi v kolune emelketık n selela el r vedeşitilieşiylaa i ananı etrı ahs yası edisiyt vi bse içiçinbulame damişmaytima ktmer binsyannlamle dieyegerye uğuerddinser mümemvle kenamindlenekees  kin mit  in kurşıa sarş ayemllekorurmekorrdei m sotüral lameninun uykenhsıi ia dri devün a mr ameycakıylmaze veceadeiç şmamsete tünimskime yşı endk gndialı celemöğrütük ir t öğbütanl bü",
    ),
    (
        Lang::Pol,
        " prnie i ie pra poanirawia niawiego  doch egoiekowi niścici a pdo awo czoścych maek rze naprz w wo ej  zanośczłzłoeniwa  jełowi pwololn lurod ka wolnowszy cma ny każażdo dstwowady żdy wyrzystaecz swdzii we pczntwana zysów szyub luba westkiek mwan spają wse wpowposnycracspoać a iczeszenegystjak jao ppodacjne ństaromi  z i inar kooboawa roi njączecznezandow róiejzy zenniconyaw i zczyno nejo srówodncy ównodzo wo zjegedno oakimieienkol inziebezamieńsowodno ob or sta sni orzo uym stętępłecjedi k osw clwiez olwołepołcjiy wo nwia bektóa jznazynowewobka wycowyji  odalninnjesiczh pi ssięa oją ostkrast szaswowarczarozy sraznikaraoraludi oa zzes krranowsechw pdówą ppopa ntkistkganzonraje oieci l siże eka kt deem tórię wnilniejsiniododniełnkowpeła drondekpieudzbodnanh idstiegtawz pz wzeńgodiu anolar toy za kaleklatrzzawiche iierikodzychnw zby kówadzeklywaju ochkorsoboczosou pdu tyctanędz mie s taki ",
    ),
    (
        Lang::Ron,
        " deși  șire  înarete de ea ul reple eptdree d drie în e aateptu satul pror e p pela e sori la color orii reace au tatați a  caent fialeă aa s arersperice liuria dal  ree cricnă i se oei tur sălibconmenibeberrsosă tățsau acilopriății ai lcarl lter ințiecă soaoanțiilă teari a p alrile șanăin nalprei îuniui se e ferei de îita unertiletă a o sei șpenia elefiei ca lacententreni căală niireă dproesta c cu nun cluieriona assalândnațecui prininț sură e n omicinu i noatăril d totor di naiun poocitreni stesocegai ogal so tră pa an mstava ă îfi resreculunicdinsa cland  mo ce auaralitinti ecesuieat rarrelieionse elegnită f îma îacte lru u dntaa fialra ă c egță  fai frtătrutarți ă șionntudepamei irebectalil cemenden aiteebubuiât ilitoadec o plivățnt e ru cța t îl șcu rtaciaanețioca ităpoacțiîmpbilr ș stomuățățiurieumamân maanințacurerau atraoar ext siilta ritrotmodtririvod licriiezemanînvne nvăa șcti",
    ),
    (
        Lang::Hrv,
        " pr i je ravprama  naima svna ti a pnje poa sanja ivo ko da vatva no  zai so ija avo u  imsvai p bie sju tkoo nli ilivanava slih ne ost drije nejedslo rau slobobo osbod da koovanjakoji datkiti ilstvpriom im  je ob su kai ii ne ivjei use drubitvojatii oćena oo pa ba nući seenjstia uedndjelo ćav morazu p odranni roda ksu arodrćsvoakou irćaa jmijji nihenie ne o njpreposćivojeenoe pnarodanimovoajura ći og novivaa dnosbrabili bavna zjene dve oratvajelstamoru ocijprooviza jerka snoilojemredem ljuosnoji izaci doljei m niodnnomjeg djvnovimelju zo drado om idu uje sanite b stoj tita ćdnoe uo su dećuanidnanaknststu sme ku uan govnjujućalnm stu a rćovjanu no kistću te tvoansštinu aranapm pnićoljbud buediovji vpodsamobrtel miinazaše mašt vjonanjijek tadućija ćotuph pojasmiada oposounasobodudniruguduao di avitnojimituitkće odravemećnogdinsvi ćikakklarimakveloštvitevoljetopćpottanak nicnacuće sk meven",
    ),
    (
        Lang::Nld,
        "en de an  devan va en heingchtderng n dn vet een geechn everrecnde ee re beedeer e vgendenhetten te in opn i velij ziereelizijijkte oorht ensn oandt oijniedke  oneidop  vojn id ondin sch vraarn zaan ierderijmenrenordheihte weeftn gft n wor n heefvriwor meheeal t rof le  ofatig ve beni aalle won ae ond r hvoo alegen terk da nat hstajkeat natngee eend stom e gtien bstediee rerwwele sr d omij digt eigeterie gelre jhet d zae mersijhnigzalnied vns d ee we nestelebes dog echevolge ezee dig gindathapchaeke dionae alkenstard grtelmin towaalenelklinemejk n sdelstrhanevegroichvendoo wat vit overinaatn nwetuitijdze  zoion ovdezgemmettiobbeach nihedst alliesperhebebbe itoees taan mnteienel ninalebendaasti mameekinpene hwerontiettigg os e erigdeteanglannscemamant gis begherescbijd orontinnaleerp vediermitet wt a hurwiwijijsr ewegjs rminaat bapprwe bit zkerameeriken anar  latregerrditaneitgdeg id zoep",
    ),
    (
        Lang::Uzb,
        "larishan ga ar  va bida va ir  huigash uqushibirquqhuqgan bo haining a er b talisni inglikidaoʻliliarininon ins inadinsosoniy  oʻlan madirhi kinhari bash yoboʻ mudanuqiilaegaqlar iqigoʻz egklaa bqilerkki  erolinliat  olgadlgarkiokii ha o qayokligoshigiib lasn batln m baara qiri  shiyaalalatin hambila ta ybosr hsiyn oyatinlik a qchaa h etetinisa stilanih hi vmastlaosiasi qoʻliatii mrniim uqlarnrisqara igi  dan hha shai tmlarch xai oli hunbarlinʻz arcrla bua ma a asmum be tuaror vikllibtaʼh vtgatibun llamda keshg ton qsidn ematamdshuhga tetasaliumkoyahlaolaamliroilltisirirgamkiirl yaxaldam deginengrdatarushrakayo eʼ sotenalq saur  isimor t kimil mierazarhqaazak b sindahdakatak oʻrn va kor ratadaʻlgmiytnii qshqodashlbu davnidy tch aslsosilgason tatnsinam ti as anarinsizyotlimuningalakn ia uqoni ah kvlaavlamidek jaemaa dna  emeklgʻisi i eino kauchborker chlmaliya vʼtilliakamuhrigechi yuriror",
    ),
    (
        Lang::Tgl,
        "ng ang paan sa  saat  ka ng maalag papa naatapagpan an atay araga a ptang mmga mgn npat ban aayana amag kawakara klanrapgkangan sg nahag ba a taagkgantaoasaakayanao a mmaymankalinga snanaga labanalig aanay mkatsankang iongpammaga no abawisawat y layg sy kin ilat t ayaano ykasinat nag t pwalunayon o  itnaglaltaypiniliansitonsalahkakanya intanyato haygalmamabaranantagton t sagp wa gagawhankapo mlipya as g thaty nngkungno g lgpawa laggtat mkaiyaasalarilina lpapahi is diita pipunagiipimaka by sbatyagagso nakitatpahla gayhin sidi i nsasitia tt kmalaiss nt aal ipuikalitgin ipanogsaaloninumahaliraap aniod i aggay ppartasig sapihinahini bungisyoo snapo pa g haukaa harua omahibaasyli usag euhaipambalamkinkildukn oiga dadaiaigigdgdipildigpak tud nsamnasnakba ad limsinbuhri labit tagg glunainandndapaskabaholignarula ededu ibgitma masagbamiagggi sari msiyg wapipuliyaambnilaglstauliinoabuaunayu aliyo",
    ),
    (
        Lang::Hun,
        " sz a en  vaés  ésminek  mi jojogindan nekszeság azgy szandealaaz dena vvalele elogamélegy egn aga zab mezememéabaintvanbadteltet teak tásényt a negyeélytt n sbenségzetlammegnakni  seetesenagyletlyns aynera z eet  almelkink jetéok tek kivagre n moz hozez s settgokogy kömbees em nemely leellembhogk aatáköznt  hoyenhezel z alendsáásátésadsk m ál ema sntea mszta tállás y aogosema henknyeesenkiágot slapameberló k ényibanméns ei mt m véllaly ébelatág amion mzen vemzfela nlő a aekieriyes cslletatelőnd i éég ésélisyilvetát külért keéterésl ahetszoartalá nytarkoz ama jészenleléól s ktárs ééles tlemsítgesott fen ktkozást ékelja  haalózésnlőéseot ri lekmástő veli jse ehetesevessátott kolgezei vázalehn eül tteos ti atkztoe atosányánaztefejdelársk kkorégeszát n bizatvédnevelmédezertébbizrraifeiztereat ll k eny sel néábalt ai sülházkift e arlegd ais i earrt tásoit etőal  mát v bábára éesülyem l esnyo",
    ),
    (
        Lang::Aze,
        " vəvə ər lar həin ir  ol hü bihüqüququqna lərdə hər şəbiran lik tər bmallmaasıinir həxsşəxən arıqlaa mdiraq uquali maunailəın yət yaaraikdəriar əsiətir şrinyyən h azdənninərətiniyyməkzad müsin məni ndaət ndəazarınün ınıə ai vnınoluqun qa etilmlıqə yək lmələ kdiindınaolmlunmasxs sınə b inn mq vnə əmin tya da  bətmədlıadlbər onəyaə hsı nunmaqdaninəetmun ə vrlən bsi raq vaə mn aındrı anı özəranman iamaa birlalali insbilik  al diığıə dlətil ələə iıq nı nladilmüdn və eunmalı səxsiə ouq uqlnsaətl dəiliüdaasi heolasanəniməs dalan butərhəmdırkiliş u v kimineynmi yin hasosheçbu eç  edkimlığalqxal assiaosir vq hrə yani s əsdafafi işı hfiə taə qıqla qyarsaslı illmiləsaliytləsiya hməztünə t isistiyi son əal ifainalıdı oıdıəməır ədəial miəyimiyçünn eiyaedi cə bübütütüxilüçümənadət va vaxidaxr aonu üçseç nə semanrilsiləz iə öz ılıayaqani tşərtəmulmrəfməh xağın dö nistiildaməqu namn on dvarad zamtamtəh",
    ),
    (
        Lang::Ces,
        " pr a ní  neprárávost sv pona ch ho  nanoso n roáníti vo nebávomá bo ebo mákaž kaou ažd za jedý svoždý přa s ststiá p v obovob spbod záýchprorodváneníné ý mého by násponě o pmi í aterrozováto  ja liáronárby jaka pa zny  všktei alidím o ví pu pmu at  vyodn so maa v ktí nzákli oliví klatnípodstáen do t smí je em áva dobyl sebýtí srov k čin veýt í bit dnívšepolo s býtvínýcstnnouejnsouranci volse nesa npříehonýmtátva nímmezajíi sstvké íchečnžene své ovasvéým koldu u sjehkonaveecherénu  zei vo dí vhraidsm pémuoley s i majo z toabysta abm apra tachn niže ovnakonéhlendskracladchr ževat ossobakéi psmíesmst i nm na mlnělnípřibezdy álnenszemt včenlečkdoými jiocii k s í mjí  čiáv steoch ocvouákl vzravodunezinnskýnitivoa ju kiál meeziskévenstuu atejolnsluzení zy bokozacnícjinky a ořísobeu vtakvědoje výikdh n odčnoosociáh p dea tům socjícodůněnadntupdů děljnokéhporožehovacinemé vroki ju ood íhovinodi",
    ),
    (
        Lang::Zul,
        "ngeokulo  nga nungngale lun noelowa la e nelentugeltu we ngo ume uthiuthke hi lekni ezi kuma nomo nphagoknkeonka uneluluomao eo lkweuntanglulkul uka keniukuhla ne womun lokelamaathumuho elalwawonzwebanelwulea i unanaunelokingeluwenakathoaba kwganko alaenzo ykheakhthuu una enkkhoa ezingeni nkunalumallele knkue aeko nakatlanhe hak ezo akwao oayookwkutkublwe emyo nzianeobu okethhetiseso ilenok babenekinyeikei kisi isaphesinhlmph abfane iisa yeneniniga zi fut fuubaukhka antuhlholba anddo kukabeza nda yae wkilthe imekea aolosa oluithkuho uye nis inekhe e aki wanykhuengeliyokne no umendliphambemp koi i leiswzo a oemiunymelekamthuphndovik yohloalokufyenenho wnaylinhulezwindezeebekankuzphekugnezakenyawezwamsebufabo dinahlazwfunyezunda lli busaleulakuqolaiziinki eda nanasephianonemhela yhutkiskupswahanilimbikuvo kkekompphokoli uokoizwlone l elukekuskomulozishunnjelaku nhuksekham olanio iubumba am",
    ),
    (
        Lang::Swe,
        " ocochch er ingförtt ar en ättnde förätillet and rä en ti detilhetll de om varliggen frellskaninng ter haas  inka attlledersam i undllaghefriallensetena ler atör den elav  av soighr hnvaga r renvla tignskigahart asomtti utiont ta sngens a fr smäna o sk sirnaiskan  stär ra  vi alt f saa rati är me ben s antionnalanernt emed vaig äns åtstata nat unkliten grvisäll laonehanändt sstät ineransgru gever må lilikiheersrihr a remå snin ft o mä nar eri ad entkladet värunrklda h ruppdrarinigtdign eerkkapttaed d frane stanutanomlargt s f på omktelinr uvidg oännervikaaria ilagrviid r os svilr mörkot ndlstrelsro a mmot moi opå r don delisnskye mras här fi sa nnadn ogantnieraärda dtälberngar iennnd n a upsindd örsje ittkaln mamtn ikillseskinasends e såinntatpert varje fl arelt binttetg aöral vkydyddrje fabetse t llitsa närhäll sndrnisyckh allmlkeh farblmändabarcklv srängartrare eger garaessd evärmt ap ",
    ),
    (
        Lang::Aka,
        "sɛ a a sɛne ra a n wɔ a araan eɛ no  ne bi no asiarbiayɛ mu aa  anɛ se ama  hobi mandeɛ muho ɛ ana a ɛ obobie na bn aso o npa amaɛ oo aipanipɛ nnaa naa wana so ad nnɛ ɔɛdeasɛkwa ononiwan ama ɔsɛdwɔ  ahɛyɛ nyoɔ  n mmai a mmnni kwie wɔnɛ wde  ɛy baaseɔ no bi mɔ auo n na mo siri yini e snyidi u na oaho detum ɛnɔn nyai nɔmae madw yɛumidiemi ɛ ɛo k abɛm a s manam ɔm ɛsyin at bɔo dinapɛ sɛmua n sbɔ adiya e hasomaranikuorɛ fa a kɔdea hba n bre umawumom ɔ hm nyi u a sase dwuɔ b ntm aerɛ kɔa yorɔ nk bɛ ɔdtenrɔ hyɛsaaka ɛ be bi sadeam nkakori ɛeneena nsbanɛns kuɛsɛanensɛfofɛɛ  figyeɔtu dianoi ko m ɔt koyɛɛbir akim kye pɛa dyieko ntii beteofoammye ri foɔkɔ bomaboɔ sɔne ɛbsoɔforisɛm kasanodɛ mfirti  dae ysua beniiseɛwa ber awdwen f foo ɛi hu bɔ m mfhɔ kabwɛ to ribhwɛibi dwdisnsoanstiru ɛ ti hɔsa e o tuodiɛ yia ofa ɔno wɛbɛaba kaii wenɛsim msiaadayerianda set gyduai dsommfaɔ w afi yanyorarimwɔddwansi",
    ),
    (
        Lang::Sna,
        "wa a kanaro na  ku munhudzehu a m zvmunokuchia nakadzika zerero chchese unhodzrwara kodzvi ne pakan we dz noikava iri ankutnyio yyikvannekeseekozvaidze a kaaneanonguekuchaung yori akeke achudziroa zu w vairawesangechngei pengyoknokedzo iirwaniinouvaichngati ziranhrirko dzao nwanwo tansunipidzwenyasihenzvekurvaka pshaunuzwaitakwae krudnunuruguka ca d yaa ybatpasezvta e nuti kwo ko co mara masi ga ukoataoseemadzouchhipkuvno rushecomui zwako rkuskweerere  rw poo amweyakmo usuisiza sa e zutagar inhinnempackucwe ete yetwaposo da ihurgetariongpanerwukarwovo  aktemzo emuemooru hauitwenuyekui uyvinhakkubi ma akud se koyo andda norsinubaa sa u iczvomutmatneze ma wadzuraevaavapi a rerauteokovis iyha u ahanchoaruasafanaanpirinaguvushton huunyenzranyortedaithek nyurihoknenosh acngimukngoo zazvkunnidumai hvema hmirusao pi na vi kambzannzakuzzi kakingu vngwmummbanirsarewoe puwavici igwaagaamago yewpam",
    ),
    (
        Lang::Afr,
        "ie dieen  di enan ingng van vate e vreg ren d geenset e re e te bele vereen inke  ve heeg hetlkelikn hde nieaant did men vrndeeide o aain of derheiom g v op nie b elal andelker  meorde wg t to ofers we sa voot erkn vvryge keeasitot wasieere omaarsaldigworegtgterdird at nd e sedeige de ’nn aeni woe g onn s’n e terdns oorbesondse skaaakniglleyheryhis elieskienstavolelee m viik r dviredikapg eir es sy angdin stewegemgelg o isel e iop kerak uitikensehieur eur ale anase nngeiern owere dap  hualerin hiemedeuminwatn es o as soas e hdeld vtertenginendkinit  da syperre n wgeswetgere koeds vntes eonanalwaad teessoo mad siestelemad eredite naskeelylykrennskd ooont eekeesieseerihul grig siomanrdeionn bn gvoohedindtee persot vs dalln trsen ieemd wortndidaamaat germontentansameykearin mlanvoen ’nlirklr msiaodsardiemg sweer el gtaasekbargtin nlinsent ot araaeneopvpvoete tyarb slighdeeg astrnslselernste",
    ),
    (
        Lang::Fin,
        "en iseja ist jaon ta staan n jaissenn okeuikeoiklis vaellllan tuks onksi oin k kaaaneenla llikaia j tasa in mis joa oäänän seln sksea ta ktaius ttaansssakundentä eusnenkannsaapaallest seeisillienseetaa yhjokn yvapa vttäokan vai ittaa aiketttukti ust kuisistäses tä tulain pstiastn en mtääsiaunnä judeä ostesi teiinepera sia kä äne mimaa pea pessa mainämätamyht jujulykshänä t häuttideet llävalsekstun alä amihmi keikklleiinsä euktämihmtee ihltapau saiskmääoisun tavtendishten hissssäa hava maa y ei te si olekästyalttoiattolltet jä ravat muiel tomaisalisua akkiat suun lvälää ulituntieeru yketuvaarusmuk heei a ekieskueidiit sunnasilomamin yllinautuutsko kottile siekaaa r risiinnoelitursaaaatleiolina  laoonurvlmarvaitemievasä m edtusiaaitää vuolyle allitsuoamajoiuntutei otykn raliliineepaaaviomioitjenkäävoiyhdä k kieeteks syityilöilmoimolesititauomvaiuskalahenope puaukpetojai sriiuudhdiäliva  om",
    ),
    (
        Lang::Slk,
        " pr a práráv poie ch ost roho  navo anina  nenosaždktokaž kamá né ávoom  máeboti  v  alalelebbo  je zaýcho nždýdý ia  slmi ovastinievanto enine ávalobéhoslorodtorrov sp záá po va p ktý m svvojbodobonia ná vyej je ať o pa va sároa z sa maa ne ae smu mieklanársvospo byovnby rozsa ľudiť odn všov i anéhvšeo sva o a ľuociprenu a mu aenýe vný nesa kzákpodným dou p k u sáciajúbyťyť nýcehoranpoltátstnjeha ršetýmiladčinémua oedzť skonstvoré sú nie zpriochny štásť ojevnatreu k čiko é pmajsmia aetknakým meddovprí obiu udsosťesme bm ahrai srácbezvaťchre p abjú  štžen hočen dei pť v vodskpronom inou du že abyest boré bol sonú olokejáln ocobeky dzidomáv porlneravakéenspraok  žetné taakores vzi kami tr akní leno ddelskýchoachivoh požeiálinnslukraločočnju  osanuojuvoľáklstré sené žiniusta stvedtvo mednom pde ké kýmiktstué vi vvyh tov aoduhoca tím ly hovy ssocjúcú podivodlivaníciá verejku ci skesobčnooso",
    ),
    (
        Lang::Tuk,
        "lar wewe  biyň aryadada  he haan ynykladamde  adynaer na  ýair dyriň birr bydyleraraam yr inilanr aklylyd özmagnyňöz hergynagaen rynaklaladanhakerine ukuar r hga ny huk deiliygyli kuka hndaasylen edbilatlineediniňlyg hu gae hndedilryňazazata g‐daa‐detiukl göly  botlygin azlmaamahemdirykl‐dee dileýana dýetýa‐yndlykaýye aündge  goegiilmsy ni etmem‐lmem‐dalyany betlesynriny bletmaka wa ýdenägera  ähmäg dun ebolmegeleň h etigiň wim iýa ýe dir eek  baak esirila bin p bdeňetlagy bu jebu e öy d himez esard saähle byly kaesamek gun ae tlik doe gsasillnmaň aramolahaly wýar aranmmelirisiýndiedegalendmilrlagöz man be ýöňüňünn h tuhiçyýe gemy iç  öňn ýtlaň ýlinrdaal liggar mii gdalrlemalkangattmesinandň ggor taöwlýley ge woratiňekl ynalkdöw döerem h medur erasitutat çinirlumyelierknmewlegura öaýa çänun kirasamlup ýaştyn aýry ň dbaşip gi z hkinz ön wterinmeýli ýkimnameň beýdol se ter dutugyýez umumum",
    ),
    (
        Lang::Dan,
        "er og  ogder deforen et til fo tiingde nderet rehedil lig halleden ened verelsundar  fr mese lseandhargenedege ellng at  afnnele ngee fghee oighes af enn atler i skehvee er hne enht tigeesk el beig tigfrior skanine sion ernhvre menr oe a stati sk inl atio påettensal ttimedr fom endr edelg fke  sopå elig o anr rns  alnathan ver sr a un het flin sir dtererenesdete r udalesamihelantterinrihentndle miskerkanst skal nasomholldeinde nrenn snerkelolddigte orse i hvsniskyenevær li sas fd dersstentemmeovee hnalonager grageg avilalle dfretels og ht ot dr ie t omarbd eernr u væd oresg tklæøren f vi måvensk  lagtekabstrn mrele brunrbebejt iejdkket eg drklilkgruvedbes dand  fulærærirdiærdld t mdlifunsig mostanstrt od  ar opvisigtæretett aemmg emodrhoie g ukerrem non h farskorme us sem d h geetse gg sper etlem tri sda dren adesdt kytrdeytterihenervl erviffeoffisnr t ofkenl hrkeg italmå r klkegt t vt b",
    ),
    (
        Lang::Nob,
        "er  ogog en  defortilingett tiet  ha fo reretil hetllevertt ar nne enom ellng har meennterde lig fr sor hlerav le denand i  ersom å hveor t tne  elelsre  avse eskenhngeskandee oetegenke lseghetenmen str sfriighig  bee enhvr rtteskete  på ut skal  insjopå dere snerrinjont ounne fhanasjtiged es g fsamentttienenesmedge  alr oensr eeliisklin vening o sa ant fittlikendkalr ft srihihenasntee rns  silang smmeigel åerkdig grn srenr aall nakteerderee mundr urestelstegruinnlærers undett earbaledelektvent ig ebeieide an me d arrbee g blansklæ li heg tæriskyrunrkl lastasnikkem ert mot moe ntatat e he bovee tjent dstr mår mn eorsrelker etn abesone vinn g re ikapsk ot ndinnli s das o noid gerg hvisn obars fndlt mg aoppt adisnalr dperdreonaærerdida utenseblioretetrit opkraeriholold kryttkytffeemmg dl f omisn gjå dserr b di fan tr klt set sldomrvime l egreå små  trnd m sg iikkn h attesvildlig bd d hvrav",
    ),
    (
        Lang::Cat,
        " de i es de la  la a  peperió enttat sent retts dreat  ells  drmenacia pcióona coa lal na s dqueen el  tos i qu ene lns totet t aers prt donser  lliona sta a tconelss e l’rsoresalsson unestcio reproitacia inles o ue delllité  téia ameé dsevotanaci l als pa dar a iualnala cantnci leertstartasert ii al d nova ats d’s nre s ae ceva narà  cauescomlibés  soibe esetsberda r ano unal’es ltersenranuredesmani el pt en de de eom  dicciigua as t pai dtras oaqutrevolecta ul iguaides sadaeneialntantrenssocctera ocihumumaclaaliliteràcti aq huicipreeraessuninte fo niblessetesaltemeassicasego soterac ig poans ésa eun us mit mar sse ssis ha mr lnitl tèncó dten teir i ptaletadici ihomt qparegus f asn lria mi aclicint tracteixn es contnseecct tltrambqual’aeliuraan iste tó aonenaminglaro pesprecliga f haiva amllet srotmatliutiuiurn afonotsincndie pseuoluguri cmésderrnainaforigiciebliic mb in artol romninomp",
    ),
    (
        Lang::Lit,
        "as ir  ireistei tes tos uriti us is iek paai  vivietur kiri žmo tu žmienės ių aliaismogvis kalai lainii ts is žsę  į isęena ne pr bū joprikie takvinas suekvmasgusbūttinisvs soguisimą mo ant ars kamakaiūtis as vaci tis n sas pokicijinėar valms taijo i b nagalsavkurausmenrin apimąma staę įinai pimonimi k nuimaotimis kujoslygdariškje  attaskadr ttų ad tiki inėsarbi vijoeikauts b įs reiamsinsuo beisu vali styasitiearalinisėi są ijų  ly gavo si r ptuoaikrie modinpasmokip i nreiybėmosaipr lntuįstį tgyv išntitybų ipagkiakites uot skjimtis oraudyvevenmų alsų tnacavodamą ki as jojeagrklagaunegniųo kegaikiaugek tatieštaria  šiiosškasva totauintsauuti asio ogasanmonomikinitos gomer j veatykimnt iailst dają minr ko tnuotu verkalam usio no aymotymvę ati jio ptimų npažters š vyaltkslingų somašalrane t ni šaavaavinieuomirtelgjamipakiųtokekatosojakioenynams dndiamoytigrisvę gylieėmiatsygisocsieocipatcia",
    ),
    (
        Lang::Slv,
        " prin  inravprado anjti avije njeno vic doih  poli o d za vsosta pegao ine  dr na v ga  svja vansvoakoprico icoi se so p kaalistvstivsa ne imsakimajo drunoskdoi dakdi pnjao snih alo vma i i dee nprevo i vni redobovobavnneg biova izoveitilovki jana vna  soem  nja ise  tetvaolibodruže i ra skatie paroi k oba d člevaržadrž spko i n se kienastoe vžennakkaki zvarteržav modi govimiva koln s z mi ovorodvoj ennarve  jeposa segovljjeg sth per katčloatea zenjn pdeli oljapolčina ned smejeneni taodn ve nie ben  mejemkonnaneljsamda ljezakoviščirazansju bitic  smji nskv s s n vtvoenea kme vatorakršnimstaživebnev ri ekoo kn nso za ičnskie d vao zacicijejaelodejsi njuvolkihi mnstkupkovužila morvih dah iljuotrmedo askurugodoijodstspotakznaednvneararšnitvodiu sčenbošnikavlakre ovekdnoolno oošče mta vičbi pnočnomelemeoljoderstremov ars bon deredovajoklaicevezvni koosetevbnoužbavavere zljnmu a bvi dolkerr s",
    ),
    (
        Lang::Epo,
        "aj  lala kaj kaoj  deon de raj raiu ajtas o k ĉie lj k li precoaŭ ĉiujn ia jtoest es alan  kiproio  koen n kkon tico j po d poibe aŭro taslibberacitoj ena p necioereta  into do o ej ln aj d sea kj ralaj etaj rereciujkiu peo aitaajnadon dstanaca antaliaekteniiajteruj pertonint sicia hastua lje  jeal o ĉn pjtatu  rivassenhavhom di hontea ealient sonectraa savapora r naigitiusiao pn legaor  ajsocj ĉs locino  plj nktoevis rj sojnlaju are  egj agalerske preigoer lann jpri kueraianrim fae s jue aikaatantrel is u hli iojdononttatons el sugo un  keeblblan somaĉi raŭklau rne iliiĝoo ts etekmennenj indacona denacevmojicericplesonarta ho rres unu scoje pĝi foratorenaraametan puoterot mavi j flendisiveantn r viamiiĝistiĝo r ln ĉu l agervu eunugno ce meniuieldukern ŝtlaŭo nlaboloabotioborŝtaimi edlo kunedukomdevencndolige ea ftigi e kr pana n ikadande dmalonodekpoloroeriedoe krsoti racionlojj hplij m",
    ),
    (
        Lang::Lav,
        "as ība unun tieiesbasai  tiesīsībien vibu vieir  irībuiem va paem  nes uam m išanu ur tpie ci saās  uzvai ka pibrī izrīv bruz cijdzīena arar isks pes  atāci apot namviņināikvkvi nos v ievis iki ipāru aju nu  predrvībīvīijudrīu pdar stlvēcililvs t laiņaanas in iīdzs skā tībi aijabaiībāieds narbvallīds baiztu ieccieām gu vēkīguīgika jasumumu t p jāu vzībskalstalskumgi s l tājotstāst n vvēra parīautn pamakasu k da tanīgizsojoanuņa u nstas aba  ai sos da uā astīcībm ui usonnotmatsavievā vjum kāu tnedajās ku ii vlītēro pe dzi nperu dīkskatnātlībnācrdznībpilrīkksta scitpam pāekltauu sbiejā  rei pkura at v lievitisevēbā ma rība vos rasabinevikuskā velik līnast kantumaroškādzsasarciāmieaiseciocioša jejebbūtatrn biešrsoerssocenāa tt sīša bebezādaebk kuglīisptotspārojliepreretaulna traietdu zglāt ardkt ierizgiktpašiālnodts ejaā usabenoēt ta tiktītecī deīgatararpr jīsttāsja enīatvvu ārērējrieošidro",
    ),
    (
        Lang::Est,
        "selja  jale se uststeuseiseõigmis vaguselete iguus st dus õi võ onon e j inininimma el a vigaistimeal võida  telik igadumesamiende ke vl o kaest ra seõi iku kovababatusud a kese kul igaltsilt es emaidaks a in õlisaturahtamaststae ts s mita olestubadga valine tane  pendaella taliavaadaa pik kuse siootesaheinglus ola ais vaha sei  eikonvastudahvt kas a rs te ei veksoont vonikõis ksiosuse agi matmin pis vomakuldad nie p omigitela je ondudselleeestseutavusaalajai tdamatsni etepidpeae õitslmalevnisdisühislii snenieldesde t iet ninevategusleltilii mng  eetemsesilmsekab  põait neõrdsedvõrul  üh kiabi kõegards väots et ripõhed töösi ad i k täata ab sueli sas os jsilnniariasunna alnudumasikhvuonneabemiridarasete m kea etäid ks pi eimieise rna  üla ükoha oakss ee n soõiksaaandisindetumhelliikinäärseaiskeeneaddum käriiratlemumikorsa idumusrithar sivaditaalekaiteo mõadeüksmaslsealsiaasiasotjaliigite",
    ),
    (
        Lang::Lat,
        "is et us um  etae tatati coqueue ion quem entoniest su iu in potiotestisatebuse iitaibuiumiusquintieries s pcons eperendpotote hanis prs iabeuisam uaetemhabbetm hndi hosta desuaisqsqutericiminiurone rehom di omomnrums at cratlibibem e pegen liertinentenemri bertiae qdis ipips addi nese se cm ps c vee p paili gea ei pnt omiatuturrit sine psiin ia ra ari cuvitrtamo to mnis he eintsium cquat piviiniut re ersit s siae est sand nepro nust  exndacienibt aeretrinit attiuta ris cicivni uriur rim viparad esslici i so pu oprae fas v utdemse onso eria see a molegatqtqucomte niuienvelel  mat eiisgniequocicipuraunts dt ialiquoect tea st d dotutantiscinamensinua praoruommetas na ptumiamio i csti auver aeitodicimis le dficciat opubublblimuni ssocarularullorit hi esseomoctoitutus eaea aeqgioui m ser m r ra fifficogda  lemoda cmqunule oeratenntuspeo nemocris f cade a drelii ene tusuirtiscinaem qm aegices",
    ),
    (
        Lang::Cym,
        "yn  yndd  maae maeau  y d yedd r ydd ar i n y o  cyth  gwddiethoedol ar  gy ddwyd ei n  a yd odd gaaetan  rhiadio n aei yr wn n c ll can gdi wed meod el n dedir yith wead  feer r adau da amd aon ch l yddo he chroe hye r diynn yrddar gganir ewn roen  dyfod ffiaull mew ym deid  syyw diahynfydi g uneu i dnolllau aeit acdoli rwy diocynfel nio riddrth gol aai efydyn borhaed  drrwyadan fwyrferac n erddaidaelallnt ion trnydachgyfcyfr dig h ychwelln bd en o by neda  behannia oed or cd gdder oaf arani n s pelwygwei awr  brin gol gerchhef adnodnnagyd faun d h ysd iy de nriaes  andwyam ysgy gwynu cl ei fgwyefnddyy cdigwys euydan hychthiant ywwei bad cn ns yystrydna o ai nn mu gd dlawi wn in r foys iae codo liarednd y nhau haneuu yrhyu rbod pr ceraegorenngwa pai c erlynrairifianllinaur hlannwyyfethar ed mdiwos lleang seddwal lado gcaeannolia rr briohydaitaenu dno d b sifanllyu ho di bdarsgoyngdodu n",
    ),
];

/// (language, its alphabet), in whatlang's order.
pub(super) const ALPHABETS: [(Lang, &str); 37] = [
    (Lang::Afr, "abcdefghijklmnopqrstuvwxyzáèéêëíîïóôúû"),
    (Lang::Aka, "abdefghiklmnoprstuwyɔɛ"),
    (Lang::Aze, "abcdefghijklmnopqrstuvxyzçöüğışə̇"),
    (Lang::Cat, "abcdefghijklmnopqrstuvwxyz·àçèéíïòóúü"),
    (Lang::Ces, "abcdefghijklmnopqrstuvwxyzáéíóúýčďěňřšťůž"),
    (Lang::Cym, "abcdefghijklmnopqrstuvwxyzàáâäèéêëìíîïòóôöùúûüýÿŵŷẁẃẅỳ"),
    (Lang::Dan, "abcdefghijklmnopqrstuvwxyzåæø"),
    (Lang::Deu, "abcdefghijklmnopqrstuvwxyzßäöü"),
    (Lang::Eng, "abcdefghijklmnopqrstuvwxyz"),
    (Lang::Epo, "abcdefghijklmnoprstuvzĉĝĥĵŝŭ"),
    (Lang::Est, "abcdefghijklmnopqrstuvwxyzäõöü"),
    (Lang::Fin, "abcdefghijklmnopqrstuvwxyzäöšž"),
    (Lang::Fra, "abcdefghijklmnopqrstuvwxyzàâçèéêëîïôùûüÿœ"),
    (Lang::Hrv, "abcdefghijklmnopqrstuvwxyzćčđšž"),
    (Lang::Hun, "abcdefghijklmnopqrstuvwxyzáéíóöúüőű"),
    (Lang::Ind, "abcdefghijklmnopqrstuvwxyz"),
    (Lang::Ita, "abcdefghijklmnopqrstuvwxyzàèéìòù"),
    (Lang::Jav, "abcdefghijklmnopqrstuvwxyzèé"),
    (Lang::Lat, "abcdefghijklmnopqrstuvwxyz"),
    (Lang::Lav, "abcdefghijklmnopqrstuvwxyzāčēģīķļņōŗšūž"),
    (Lang::Lit, "abcdefghijklmnopqrstuvwxyząčėęįšūųž"),
    (Lang::Nld, "abcdefghijklmnopqrstuvwxyzàèéëïĳ"),
    (Lang::Nob, "abcdefghijklmnopqrstuvwxyzåæø"),
    (Lang::Pol, "abcdefghijklmnopqrstuvwxyzóąćęłńśźż"),
    (Lang::Por, "abcdefghijklmnopqrstuvwxyzàáâãçéêíóôõú"),
    (Lang::Ron, "abcdefghijklmnopqrstuvwxyzâîăşţ"),
    (Lang::Slk, "abcdefghijklmnopqrstuvwxyzáäéíóôúýčďĺľňŕšťž"),
    (Lang::Slv, "abcdefghijklmnopqrstuvwxyzčšž"),
    (Lang::Sna, "abcdefghijklmnopqrstuvwxyz"),
    (Lang::Spa, "abcdefghijklmnopqrstuvwxyz¡¿áéíñóúü"),
    (Lang::Swe, "abcdefghijklmnopqrstuvwxyzäåö"),
    (Lang::Tgl, "abcdefghijklmnopqrstuvwxyzáéíñóú"),
    (Lang::Tuk, "abdefghijklmnoprstuwyzäçöüýňşž"),
    (Lang::Tur, "abcdefghijklmnopqrstuvwxyzçöüğış̇"),
    (Lang::Uzb, "abcdefghijklmnopqrstuvxyzʻ"),
    (Lang::Vie, "abcdefghijklmnopqrstuvwxyzàáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"),
    (Lang::Zul, "abcdefghijklmnopqrstuvwxyz"),
];
